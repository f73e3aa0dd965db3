"""The unit tree from a CSV file: every row checked, all or nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openpie.audit.models import AuditEvent
from openpie.onboarding.services.csvfile import MAX_ROWS
from openpie.onboarding.services.units_import import TEMPLATE, units_check, units_import
from openpie.organisations.models import Unit

pytestmark = pytest.mark.django_db
GOOD = (
    "parent,name,level,client group,service type\n"
    ",North,Region,,\n"
    "North,Harbour House,Service,Homelessness,Hostel or supported housing\n"
    "North/Harbour House,Night team,,homelessness,hostel\n"
)


def _problems(tree, text):
    with pytest.raises(ValidationError) as caught:
        units_check(organisation=tree.organisation, text=text)
    return caught.value.messages


def test_a_good_file_adds_the_whole_tree_under_the_top(tree, people):
    made = units_import(organisation=tree.organisation, text=GOOD, by=people.admin)
    assert [u.name for u in made] == ["North", "Harbour House", "Night team"]
    north, house, team = (Unit.objects.get(name=name) for name in ["North", "Harbour House", "Night team"])
    assert (north.parent, house.parent, team.parent) == (tree.root, north, house)
    assert (team.kind, team.client_group, team.service_type) == ("team", "homelessness", "hostel")
    assert team.path == f"{tree.root.path}{north.pk}/{house.pk}/{team.pk}/"
    assert AuditEvent.objects.filter(action="unit.import", organisation_id=tree.organisation.pk).exists()


def test_the_downloadable_template_imports_as_it_is(tree, people):
    assert len(units_import(organisation=tree.organisation, text=TEMPLATE, by=people.admin)) == 3


def test_a_parent_may_be_a_unit_already_there(tree, people):
    text = f"parent,name\n{tree.locality.name},Day centre\n"
    (unit,) = units_import(organisation=tree.organisation, text=text, by=people.admin)
    assert unit.parent == tree.locality


def test_an_unknown_parent_names_the_line_and_nothing_is_added(tree, people):
    text = "parent,name\n,South\nSouth,Harbour Road\nNorth,Harbour House\n"
    assert _problems(tree, text) == ["Line 4: there is no unit called “North” above “Harbour House”"]
    with pytest.raises(ValidationError):
        units_import(organisation=tree.organisation, text=text, by=people.admin)
    assert not Unit.objects.filter(name__in=["South", "Harbour Road"]).exists()


def test_duplicate_names_under_one_parent_are_refused(tree):
    text = f"parent,name\n,North\n,north\n,{tree.locality.name}\n"
    assert _problems(tree, text) == [
        "Line 3: Riverside already has a unit called “north”",
        f"Line 4: Riverside already has a unit called “{tree.locality.name}”",
    ]


def test_a_name_used_twice_must_be_given_as_a_path(tree):
    text = "parent,name\n,North\n,South\nNorth,Hub\nSouth,Hub\nHub,Team A\nNorth/Hub,Team B\n"
    problems = _problems(tree, text)
    assert problems == ["Line 6: there are 2 units called “Hub”: write its path, like “North/Hub”"]


def test_every_bad_row_is_listed_with_its_line(tree):
    text = "name,level,client group,service type\n,Team,,\nA,Castle,,\nB,,Cats,\nC,,,Spaceship\n"
    assert _problems(tree, text) == [
        "Line 2: the name is empty",
        "Line 3: “Castle” is not a level. Use one of: Region, Locality, Service, Team",
        "Line 4: “Cats” is not a client group",
        "Line 5: “Spaceship” is not a type of service",
    ]


def test_the_organisations_own_level_words_are_understood(tree):
    tree.organisation.level_names = ["Area", "Hub"]
    tree.organisation.save()
    planned = units_check(organisation=tree.organisation, text="parent,name,level\n,East,Area\nEast,Quay,\n")
    assert [(p.kind, p.level_label) for p in planned] == [("service", "Area"), ("team", "Hub")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("name\n", "The file has a heading line but no rows"),
        ("parent,level\n,Team\n", "Line 1: the heading line needs a “name” column"),
        ("name,colour\nA,red\n", "Line 1: “colour” is not a column"),
        ("name\n" + "x\n" * (MAX_ROWS + 1), "import 2,000 or fewer at a time"),
        ("name\n" + "x" * 1_000_001, "The file is too big"),
        ('name\n"' + "x" * 200_000 + '"\n', "Line 2: this line cannot be read"),
    ],
)
def test_files_of_the_wrong_shape_or_size_are_refused(tree, text, message):
    assert message in " ".join(_problems(tree, text))


def test_someone_who_may_not_add_units_is_refused(tree, people):
    with pytest.raises(PermissionDenied):
        units_import(organisation=tree.organisation, text=GOOD, by=people.manager)
    assert not Unit.objects.filter(name="North").exists()


# Pages ---------------------------------------------------------------------------------------


def _url(tree):
    return reverse("onboarding:units-import", args=[tree.organisation.pk])


def test_check_then_import_from_an_upload(client_for, tree, people):
    client = client_for(people.admin)
    upload = SimpleUploadedFile("units.csv", GOOD.encode(), content_type="text/csv")
    page = client.post(_url(tree), {"file": upload, "check": "1"}).content.decode()
    assert "Check the units before adding them" in page
    assert "Hostel or supported housing" in page
    assert "Night team" in page
    assert not Unit.objects.filter(name="North").exists()
    response = client.post(_url(tree), {"text": GOOD, "confirm": "1"})
    assert response["Location"] == reverse("onboarding:tasks", args=[tree.organisation.pk])
    assert Unit.objects.filter(organisation=tree.organisation, name="Night team").exists()


def test_a_bad_row_shows_in_the_error_summary_and_nothing_is_added(client_for, tree, people):
    text = "parent,name\n,South\nNorth,Harbour House\n"
    response = client_for(people.admin).post(_url(tree), {"text": text, "confirm": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Line 3: there is no unit called “North” above “Harbour House”" in page
    assert not Unit.objects.filter(name="South").exists()


def test_an_empty_form_asks_for_a_file(client_for, tree, people):
    page = client_for(people.admin).post(_url(tree), {"check": "1"}).content.decode()
    assert "Upload a CSV file or paste the rows" in page


def test_an_oversize_upload_is_refused(client_for, tree, people):
    upload = SimpleUploadedFile("units.csv", b"name\n" + b"x" * 1_000_001, content_type="text/csv")
    page = client_for(people.admin).post(_url(tree), {"file": upload, "check": "1"}).content.decode()
    assert "The file is too big" in page


def test_the_template_downloads(client_for, tree, people):
    response = client_for(people.admin).get(reverse("onboarding:units-template", args=[tree.organisation.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode() == TEMPLATE


def test_the_page_is_404_for_another_organisation_and_403_for_a_reader(client_for, tree, people):
    assert client_for(people.outsider).get(_url(tree)).status_code == 404
    assert client_for(people.reader).get(_url(tree)).status_code == 403
    assert client_for(people.reader).post(_url(tree), {"text": GOOD, "confirm": "1"}).status_code == 403
    assert not Unit.objects.filter(name="North").exists()
