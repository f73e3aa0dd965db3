import re

import pytest
from django.urls import reverse

from openpie.barriers import services
from openpie.barriers.models import BarrierResponse, Notification
from openpie.barriers.selectors import TEXT_NOT_SHARED
from openpie.sharing.tests.factories import make_grant

pytestmark = pytest.mark.django_db


def _detail(world) -> str:
    return reverse("barriers:detail", args=[world.round.barrier.pk])


def test_the_register_counts_barriers_by_kind_beside_a_table_and_chart(world, people, client_for):
    response = client_for(people.manager).get(reverse("barriers:register"))

    page = response.content.decode()
    assert response.status_code == 200
    assert world.round.barrier.barrier_kind.name in page
    assert reverse("barriers:register-chart") in page
    assert 'id="total-unanswered">1<' in page


def test_the_register_filters_and_its_chart_is_an_svg_without_scripts(world, people, client_for):
    client = client_for(people.manager)
    filtered = client.get(reverse("barriers:register"), {"service_type": "outreach"})
    chart = client.get(reverse("barriers:register-chart"))

    assert 'id="total-barriers">0<' in filtered.content.decode()
    assert chart["Content-Type"] == "image/svg+xml"
    assert b"<script" not in chart.content


def test_the_register_shows_an_outsider_nothing_of_another_organisation(world, people, client_for):
    response = client_for(people.outsider).get(reverse("barriers:register"))

    assert 'id="total-barriers">0<' in response.content.decode()
    assert world.round.barrier.barrier_kind.name not in response.content.decode().split("By kind of barrier")[1]


def test_the_kind_page_lists_the_barrier_with_its_position(world, people, client_for):
    kind = world.round.barrier.barrier_kind
    response = client_for(people.reader).get(reverse("barriers:kind", args=[kind.pk]))

    page = response.content.decode()
    assert world.round.barrier.text in page
    assert "position 2 of 5" in page
    assert "Not answered yet" in page


def test_a_commissioner_with_a_grant_sees_the_barrier_but_not_its_words(world, people, client_for, other_tree):
    make_grant(unit=world.tree.root, grantee=other_tree.organisation, scope="barriers")
    client = client_for(people.outsider)

    kind_page = client.get(reverse("barriers:kind", args=[world.round.barrier.barrier_kind_id])).content.decode()
    detail = client.get(_detail(world))

    assert TEXT_NOT_SHARED in kind_page
    assert world.round.barrier.text not in kind_page
    assert detail.status_code == 200
    assert world.round.barrier.text not in detail.content.decode()


def test_an_outsider_gets_404_for_a_barrier(world, people, client_for):
    assert client_for(people.outsider).get(_detail(world)).status_code == 404
    assert client_for(people.outsider).post(_detail(world), {"status": "noted", "text": "x"}).status_code == 404


def test_a_helping_factor_is_not_a_barrier_page(world, people, client_for):
    url = reverse("barriers:detail", args=[world.round.factor.pk])
    assert client_for(people.admin).get(url).status_code == 404


def test_a_manager_responds_and_the_service_sees_the_response(world, people, client_for):
    response = client_for(people.manager).post(
        _detail(world), {"status": "action_agreed", "text": "Two flats from April"}
    )

    assert response.status_code == 302
    assert BarrierResponse.objects.get().text == "Two flats from April"
    stage = client_for(people.staff).get(reverse("assessments:stage-factors", args=[world.round.round.pk]))
    round_page = client_for(people.staff).get(reverse("assessments:round", args=[world.round.round.pk]))
    assert "Two flats from April" in stage.content.decode()
    assert "Two flats from April" in round_page.content.decode()
    notifications = client_for(people.staff).get(reverse("barriers:notifications")).content.decode()
    assert "responded to a barrier" in notifications


def test_read_only_and_staff_cannot_respond(world, people, client_for):
    for person in (people.reader, people.staff):
        client = client_for(person)
        assert "Send the response" not in client.get(_detail(world)).content.decode()
        assert client.post(_detail(world), {"status": "noted", "text": "x"}).status_code == 403
    assert not BarrierResponse.objects.exists()


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(world, people, client_for):
    response = client_for(people.manager).post(_detail(world), {"text": "Half a thought"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Choose what you are doing about this barrier" in page
    assert "Half a thought" in page
    assert not BarrierResponse.objects.exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [("barriers:register", "post"), ("barriers:register-chart", "post"), ("barriers:detail", "put")],
)
def test_wrong_method_gets_405(world, people, client_for, name, method):
    args = [world.round.barrier.pk] if name == "barriers:detail" else []
    assert getattr(client_for(people.admin), method)(reverse(name, args=args)).status_code == 405


def test_notifications_can_be_marked_read(world, people, client_for):
    services.barrier_respond(factor=world.round.barrier, by=people.manager, status="noted", text="Seen")
    client = client_for(people.staff)

    home = client.get(reverse("home:home")).content.decode()
    assert "1 new" in home
    assert client.post(reverse("barriers:notifications")).status_code == 302
    assert not Notification.objects.filter(recipient=people.staff, read_at__isnull=True).exists()


def test_managers_find_the_register_from_the_home_page(world, people, client_for):
    assert reverse("barriers:register") in client_for(people.manager).get(reverse("home:home")).content.decode()
    assert reverse("barriers:register") not in client_for(people.reader).get(reverse("home:home")).content.decode()


def test_the_register_pages_run_a_fixed_number_of_queries(world, people, client_for, django_assert_max_num_queries):
    client = client_for(people.manager)
    with django_assert_max_num_queries(20):  # with "How barriers are answered" (six queries)
        client.get(reverse("barriers:register"))
    with django_assert_max_num_queries(14):
        client.get(reverse("barriers:kind", args=[world.round.barrier.barrier_kind_id]))
    with django_assert_max_num_queries(24):  # with where it has got to, and how its responders answer
        client.get(_detail(world))


def test_pages_with_shared_barriers_say_who_shares_them(world, people, client_for, other_tree):
    make_grant(unit=world.tree.root, grantee=other_tree.organisation, scope="barriers")
    client = client_for(people.outsider)

    for url in (
        reverse("barriers:register"),
        reverse("barriers:kind", args=[world.round.barrier.barrier_kind_id]),
        _detail(world),
    ):
        page = client.get(url).content.decode()
        assert "data-sharing-banner" in page, url
        assert world.tree.organisation.name in page, url
    own = client_for(people.admin).get(reverse("barriers:register")).content.decode()
    assert "data-sharing-banner" not in own


def test_a_commissioner_responds_to_a_shared_barrier_and_the_service_is_told(world, people, client_for, other_tree):
    from openpie.accounts.tests.factories import UserFactory
    from openpie.organisations.models import Role
    from openpie.organisations.tests.factories import grant

    make_grant(unit=world.tree.root, grantee=other_tree.organisation, scope="barriers")
    commissioner = UserFactory.create(email="commissioner@eastgate.example")
    grant(commissioner, other_tree.root, Role.COMMISSIONER)

    response = client_for(commissioner).post(_detail(world), {"status": "investigating", "text": "Raised at board"})

    assert response.status_code == 302
    saved = BarrierResponse.objects.get()
    assert saved.responder_organisation == other_tree.organisation
    assert Notification.objects.filter(recipient=people.staff, text__contains=other_tree.organisation.name).exists()


def test_a_shared_unit_without_a_grant_for_barriers_stays_hidden(world, people, client_for, other_tree):
    make_grant(unit=world.tree.root, grantee=other_tree.organisation, scope="overview")
    assert client_for(people.outsider).get(_detail(world)).status_code == 404


def test_the_trend_chart_counts_in_whole_numbers(world, people, client_for):
    svg = client_for(people.manager).get(reverse("barriers:register-chart")).content.decode()
    y_axis = svg.split('class="axis y', 1)[1].split("</g></g>", 1)[0]
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", y_axis)
    assert labels == [str(n) for n in range(len(labels))]  # 0, 1, … each once: never "0 0 0 1 1 1"
