"""Forms for the round pages, one module per area (rounds, stages, reports)."""
