"""HTML pages for peer review: the team's side (``team``) and the reviewer's (``reviewer``)."""
