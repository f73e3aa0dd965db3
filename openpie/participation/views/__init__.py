"""HTML pages for service users' parallel assessment: public (by link), proxy entry, and the lead's pages."""
