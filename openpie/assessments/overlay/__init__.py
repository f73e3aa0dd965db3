"""The overlay: every voice on each thread, by group, with small groups never shown.

``privacy`` decides what may be shown, ``stats`` summarises a group's beads, and
``selectors.round_overlay`` puts a round's threads together. See ADR 0006.
"""
