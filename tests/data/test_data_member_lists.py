"""Adding members from a pasted list."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alcoach.data import sets
from alcoach.data.member_lists import MemberLine, add_members, parse_member_lines
from alcoach.errors import NotFoundError


def test_a_pasted_list_with_roles_bullets_numbers_and_blank_lines():
    text = (
        "Dana Whitfield, Ward manager\r\n\n"
        "  - Kofi   Mensah ,  Head of estates, North site \n"
        "3. 李明\n"
        "• Zoë Ångström\tPharmacist\n"
        "   \n"
    )
    assert parse_member_lines(text) == [
        MemberLine("Dana Whitfield", "Ward manager"),
        MemberLine("Kofi Mensah", "Head of estates, North site"),
        MemberLine("李明", ""),
        MemberLine("Zoë Ångström", "Pharmacist"),
    ]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_tidy_names_and_never_fails(text):
    for line in parse_member_lines(text):
        assert line.name and line.name == " ".join(line.name.split())
        assert "\n" not in line.name + line.role and "\r" not in line.name + line.role


def test_all_are_added_in_order_in_one_write(store, sample_set):
    set_id = sample_set["set"].id
    before = [m.name for m in sets.list_members(set_id)]
    added = add_members(set_id, parse_member_lines("Ana Lima, Nurse\nBen Okafor"))
    assert [(m.name, m.role) for m in added] == [("Ana Lima", "Nurse"), ("Ben Okafor", "")]
    assert [m.name for m in sets.list_members(set_id)] == [*before, "Ana Lima", "Ben Okafor"]


def test_nothing_is_added_when_the_set_is_gone(store):
    with pytest.raises(NotFoundError):
        add_members(9999, [MemberLine("Ana Lima")])
