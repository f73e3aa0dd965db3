from openpie.assessments.views import (
    actions,
    beads,
    check_in,
    criteria,
    evidence,
    factors,
    history,
    overlay,
    reports,
    review,
    rounds,
    sessions,
    voices,
)

app_name = "assessments"

urlpatterns = [
    *rounds.urlpatterns,
    *beads.urlpatterns,
    *evidence.urlpatterns,
    *factors.urlpatterns,
    *actions.urlpatterns,
    *review.urlpatterns,
    *check_in.urlpatterns,
    *reports.urlpatterns,
    *history.urlpatterns,
    *voices.urlpatterns,
    *sessions.urlpatterns,
    *overlay.urlpatterns,
    *criteria.urlpatterns,
]
