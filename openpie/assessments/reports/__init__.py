"""Reports of rounds: the scale in words, the bead line as SVG, the history chart, and PDFs.

- ``scale``: positions in words ("Basic, position 2 of 5") and the paper form's positions.
- ``beads``: the geometry of a bead line (four levels of five positions, or three on paper).
- ``charts``: the unit's history as a pygal line chart (SVG, no scripts).
- ``pdf``: HTML to a tagged, accessible PDF with WeasyPrint, fetching nothing from the network.
"""
