from openpie.participation.views import go, lead, proxy, public, withdraw

app_name = "participation"

# The withdrawal pages come first: "take-part/withdraw/" must not be taken for a link's token.
urlpatterns = [
    *withdraw.urlpatterns,
    *go.urlpatterns,
    *lead.urlpatterns,
    *public.urlpatterns,
    *proxy.urlpatterns,
]
