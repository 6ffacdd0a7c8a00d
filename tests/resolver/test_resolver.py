"""The resolver on each kind of variant people type, over a small hand-made list."""

from __future__ import annotations

import pytest

from bot.resolver import Listing, NameIndex, Resolver
from bot.resolver.resolve import MAX_QUERY_LENGTH, QueryError

LISTINGS = [
    Listing(1, "EL", "Qihoo 360 Technology Company"),
    Listing(2, "EL", "Qihoo 360 Technology Co. Ltd"),
    Listing(3, "EL", "Aksu Huafu Textiles Co.", ("Akesu Huafu", "Aksu Huafu Dyed Melange Yarn")),
    Listing(4, "EL", "CloudWalk Technology", ("Chongqing Cloudwalk Technology Co., Ltd.",)),
    Listing(5, "EL", "Hitech Corporation"),
    Listing(
        6,
        "SDN",
        "LIMITED LIABILITY COMPANY DUBAI WATER FRONT",
        ("OOO DUBAI WATER FRONT",),
        "Entity",
    ),
    Listing(7, "SDN", "Baier, Marc", (), "Individual"),
    Listing(8, "EL", "BEIJING JINGHUA QIDI ELECTRONIC TECHNOLOGY CO., LTD."),
    Listing(9, "EL", "Joint Stock Company Mytishchi Machine Building Plant", ("AO MMZ",)),
    Listing(
        10, "EL", "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)"
    ),
    Listing(
        11, "EL", "China Electronics Technology Group Corporation 55th Research Institute (CETC 55)"
    ),
    Listing(12, "MEU", "Academy of Aerospace Solid Propulsion Technology (AASPT)"),
    Listing(13, "SDN", "QIHOO 360 TECHNOLOGY COMPANY", (), "Entity"),
    Listing(14, "EL", "Huawei Technologies Co., Ltd. (Huawei)"),
    Listing(
        15,
        "EL",
        "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Huawei Device Co., Ltd.",
    ),
    Listing(16, "EL", "Huawei Technologies Canada Co., Ltd."),
    Listing(17, "EL", "Xi’an Aerospace Huaxun Technology"),
    Listing(18, "SDN", "MARUTI SHIPPING INC.", (), "Entity"),
    Listing(
        19,
        "EL",
        "Ministry of Public Security's Institute of Forensic Science of China",
        former=True,
    ),
    Listing(20, "SDN", "KUWAN CO., LIMITED", (), "Entity"),
    Listing(21, "SDN", "ORIENTAL APPLE COMPANY PTE LTD", (), "Entity"),
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(NameIndex(LISTINGS))


def top(resolver: Resolver, query: str) -> tuple[str, str]:
    resolution = resolver.resolve(query)
    name = resolver.index.listings[resolution.candidates[0].listing_id].primary_name
    return resolution.status, name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Aksu Huafu Textiles Co.", "Aksu Huafu Textiles Co."),  # exact
        ("Akesu Huafu", "Aksu Huafu Textiles Co."),  # alias
        ("Aksu Huafu Textiles", "Aksu Huafu Textiles Co."),  # legal form dropped
        ("Aksu Huafu Textiles Limited", "Aksu Huafu Textiles Co."),  # legal form changed
        ("aksu-huafu textiles co", "Aksu Huafu Textiles Co."),  # case and punctuation
        ("Aksu Huafu Textlies", "Aksu Huafu Textiles Co."),  # typo (transposition)
        ("Huafu Aksu Textiles", "Aksu Huafu Textiles Co."),  # reordered words
        ("OOO Dubai Water Front", "LIMITED LIABILITY COMPANY DUBAI WATER FRONT"),
        ("Dubai Water Front LLC", "LIMITED LIABILITY COMPANY DUBAI WATER FRONT"),
        ("Marc Baier", "Baier, Marc"),
        ("Jinghua Qidi", "BEIJING JINGHUA QIDI ELECTRONIC TECHNOLOGY CO., LTD."),  # short name
        (
            "CETC 38",
            "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)",
        ),
        ("AASPT", "Academy of Aerospace Solid Propulsion Technology (AASPT)"),
        ("Huawei", "Huawei Technologies Co., Ltd. (Huawei)"),
        (
            "Huawei Device",
            "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Huawei Device Co., Ltd.",
        ),
        ("Xian Aerospace Huaxun", "Xi’an Aerospace Huaxun Technology"),
        ("Xi an Aerospace Huaxun Technology", "Xi’an Aerospace Huaxun Technology"),
        ("MARTUI SHIPPING INC", "MARUTI SHIPPING INC."),  # typo in a short word, whole name close
        (
            "Mytishchi Machine Building Plant JSC",
            "Joint Stock Company Mytishchi Machine Building Plant",
        ),
        (
            "JOIiT STOCK COMPANY MYTISHCHI MACHINE BUILDING PLANT",
            "Joint Stock Company Mytishchi Machine Building Plant",
        ),
    ],
)
def test_variants_of_a_listed_name_are_a_match(resolver, query, expected):
    assert top(resolver, query) == ("match", expected)


def test_entries_of_one_party_are_grouped_into_one_result(resolver):
    resolution = resolver.resolve("Qihoo 360")
    assert resolution.status == "match"
    el = [c for c in resolution.candidates if c.party.list_code == "EL"]
    assert len(el) == 1
    listed = {resolver.index.listings[i].primary_name for i in el[0].party.listing_ids}
    assert listed == {"Qihoo 360 Technology Company", "Qihoo 360 Technology Co. Ltd"}
    # The same party on another list is the same identity, reported beside it, not a rival.
    assert {c.party.list_code for c in resolution.candidates} == {"EL", "SDN"}


def test_results_carry_a_score_and_the_name_they_matched_on(resolver):
    resolution = resolver.resolve("Chongqing Cloudwalk Technology")
    best = resolution.candidates[0]
    assert resolution.status == "match"
    assert best.matched_on == "Chongqing Cloudwalk Technology Co., Ltd."
    assert 0 <= best.score <= 100
    assert best.score >= 90


def test_an_unlisted_company_resembling_a_listed_one_is_never_a_match(resolver):
    assert resolver.resolve("Intel Corporation").status != "match"
    assert resolver.resolve("Hitachi, Ltd.").status == "none"
    assert resolver.resolve("Apple Inc.").status != "match"


def test_contradicting_legal_forms_are_not_a_match(resolver):
    assert resolver.resolve("Kuwan Joint Stock Company").status == "ambiguous"
    assert resolver.resolve("Kuwan Co., Limited").status == "match"


def test_a_different_number_is_a_different_party(resolver):
    resolution = resolver.resolve("CETC 55")
    assert resolution.status == "match"
    assert "55th" in resolver.index.listings[resolution.candidates[0].listing_id].primary_name


def test_several_close_parties_are_ambiguous_with_their_candidates(resolver):
    resolution = resolver.resolve(
        "China Electronics Technology Group Corporation Research Institute"
    )
    assert resolution.status == "ambiguous"
    names = {resolver.index.listings[c.listing_id].primary_name for c in resolution.candidates}
    assert {n for n in names if "CETC" in n} == {
        "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)",
        "China Electronics Technology Group Corporation 55th Research Institute (CETC 55)",
    }


def test_nothing_close_is_none_with_no_candidates(resolver):
    resolution = resolver.resolve("Wells Fargo & Company")
    assert resolution.status == "none"
    assert resolution.candidates == ()


def test_a_party_no_longer_listed_is_reported_as_former_not_as_a_match(resolver):
    resolution = resolver.resolve("MPS Institute of Forensic Science")
    assert resolution.status == "none"
    assert [resolver.index.listings[c.listing_id].primary_name for c in resolution.former] == [
        "Ministry of Public Security's Institute of Forensic Science of China"
    ]


@pytest.mark.parametrize("query", ["", "   ", "\x00\x07", "x" * (MAX_QUERY_LENGTH + 1)])
def test_empty_or_overlong_queries_are_refused_with_a_reason(resolver, query):
    with pytest.raises(QueryError, match=r"empty|characters long"):
        resolver.resolve(query)


def test_control_characters_are_treated_as_spaces(resolver):
    assert top(resolver, "Aksu\tHuafu\x00Textiles") == ("match", "Aksu Huafu Textiles Co.")


def test_the_index_is_built_once_and_reused_for_every_query(resolver):
    index = resolver.index
    built = index.build_seconds
    for query in ["Qihoo 360", "Aksu Huafu", "CloudWalk"]:
        resolver.resolve(query)
    assert resolver.index is index and index.build_seconds == built


def test_the_party_typed_exactly_is_the_one_answered():
    listed = Resolver(
        NameIndex(
            [
                Listing(1, "EL", "Alphabeta Trading Co"),
                Listing(2, "SDN", "Alpha Betta Trading", (), "Entity"),
            ]
        )
    )
    for query, expected in [
        ("alphabeta trading", "Alphabeta Trading Co"),
        ("Alpha Betta Trading", "Alpha Betta Trading"),
    ]:
        resolution = listed.resolve(query)
        assert resolution.status == "match"
        first = resolution.candidates[0]
        assert listed.index.listings[first.listing_id].primary_name == expected
