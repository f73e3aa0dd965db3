from openpie.participation.views import lead, proxy, public, withdraw

app_name = "participation"

# The withdrawal pages come first: "take-part/withdraw/" must not be taken for a link's token.
urlpatterns = [
    *withdraw.urlpatterns,
    *lead.urlpatterns,
    *public.urlpatterns,
    *proxy.urlpatterns,
]
