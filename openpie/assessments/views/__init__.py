"""HTML views for rounds, one module per area; each module lists its own ``urlpatterns``.

- ``rounds``: the unit's rounds, starting one, the overview (task list), state changes, the next round.
- ``beads``: stage 1, placing beads.  ``review``: stage 5 and "my actions".
- ``evidence``, ``factors``, ``actions``: stages 2–4.  ``check_in``: the coffee-break check-in.
- ``reports``: the printable report and its PDF, the paper pack and entering a paper form.
- ``history``: a unit's rounds over time, with its chart.
- ``common``: the round pages' shared context.  ``edits``: the autosave and conflict answers.
"""
