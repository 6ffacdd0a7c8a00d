"""analyse: a name's core (legal forms and stop words out) and the legal forms it carries."""

from __future__ import annotations

import dataclasses

import pytest

from bot.bundle import bundled_path
from bot.names import NameForm, analyse


def _table(file_name: str) -> list[str]:
    lines = bundled_path("names", file_name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


LEGAL_FORMS = [
    tuple(part.strip() for part in line.rsplit("=", 1)) for line in _table("legal_forms.txt")
]
STOP_WORDS = _table("stop_words.txt")


@pytest.mark.parametrize(
    ("name", "core", "legal_forms", "kinds"),
    [
        ("Qihoo 360 Technology Co., Ltd.", ("qihoo", "360", "technology"), ("co ltd",), {"llc"}),
        ("Qihoo 360 Technology Company", ("qihoo", "360", "technology"), ("company",), set()),
        ("Qihoo 360 Technology Co. Ltd", ("qihoo", "360", "technology"), ("co ltd",), {"llc"}),
        ("Romashka LLC", ("romashka",), ("llc",), {"llc"}),
        ("OOO Romashka", ("romashka",), ("ooo",), {"llc"}),
        ("ООО Ромашка", ("romashka",), ("ooo",), {"llc"}),
        ("Kuwan JSC", ("kuwan",), ("jsc",), {"jsc"}),
        ("Kuwan Co., Limited", ("kuwan",), ("co limited",), {"llc"}),
        ("PJSC Sberbank", ("sberbank",), ("pjsc",), {"jsc"}),
        ("AO Kaspersky", ("kaspersky",), ("ao",), {"jsc"}),
        ("Siemens GmbH", ("siemens",), ("gmbh",), {"llc"}),
        ("Grupo Foo S.A.", ("grupo", "foo"), ("sa",), {"jsc"}),
        ("Grupo Foo S.A. de C.V.", ("grupo", "foo"), ("sa de cv",), {"jsc"}),
        ("Petronas Sdn. Bhd.", ("petronas",), ("sdn bhd",), {"llc"}),
        ("Alpha Limited Liability Company", ("alpha",), ("limited liability company",), {"llc"}),
        ("Alpha Limited Liability", ("alpha",), ("limited liability",), {"llc"}),
        ("Aeroflot Public Joint Stock", ("aeroflot",), ("public joint stock",), {"jsc"}),
        ("Aeroflot Joint Stock", ("aeroflot",), ("joint stock",), {"jsc"}),
        (
            "Public Joint Stock Company Rosneft Oil Company",
            ("rosneft", "oil"),
            ("public joint stock company", "company"),
            {"jsc"},
        ),
        ("Foo GmbH & Co. KG", ("foo",), ("gmbh and co kg",), {"partnership"}),
        ("Foo Corp.", ("foo",), ("corporation",), set()),
        ("Foo Inc.", ("foo",), ("inc",), set()),
        ("Foo Pte. Ltd.", ("foo",), ("pte ltd",), {"llc"}),
        ("A/S Foo", ("foo",), ("as",), {"jsc"}),
        ("Huawei Technologies Co., Ltd. (Huawei)", ("huawei", "technology"), ("co ltd",), {"llc"}),
        ("TNK Trading International S.A.", ("tnk", "trading", "international"), ("sa",), {"jsc"}),
    ],
)
def test_legal_forms_leave_the_core(name, core, legal_forms, kinds):
    form = analyse(name)
    assert form.core == core
    assert form.legal_forms == legal_forms
    assert form.legal_kinds == frozenset(kinds)


def test_one_party_under_two_legal_forms_has_one_core():
    china = analyse("Qihoo 360 Technology Company")
    britain = analyse("Qihoo 360 Technology Co. Ltd")
    assert china.core == britain.core
    assert china.tokens != britain.tokens


def test_contradicting_legal_forms_have_different_kinds():
    assert analyse("Kuwan JSC").legal_kinds.isdisjoint(analyse("Kuwan Co., Limited").legal_kinds)
    assert analyse("Kuwan JSC").core == analyse("Kuwan Co., Limited").core


def test_a_mixed_name_keeps_every_kind():
    form = analyse("Alpha LLC JSC")
    assert form.core == ("alpha",)
    assert form.legal_forms == ("llc", "jsc")
    assert form.legal_kinds == frozenset({"llc", "jsc"})


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Bank of the West", ("bank", "west")),
        (
            "Institute of Forensic Science of the Ministry of Justice",
            ("institute", "forensic", "science", "ministry", "justice"),
        ),
        (
            "Aksu District Public Security Bureau",
            ("aksu", "district", "public", "security", "bureau"),
        ),
        (
            "Hefei Institute of Electronic Engineering",
            ("hefei", "institute", "electronic", "engineering"),
        ),
        # A name's first word is never a stop word...
        ("DES International", ("des", "international")),
        ("La Florida", ("la", "florida")),
        ("De Beers Group", ("de", "beers", "group")),
        ("Van Leer Trading", ("van", "leer", "trading")),
        # ...except the English article.
        ("The Boeing Company", ("boeing",)),
        ("The Bank of the North", ("bank", "north")),
    ],
)
def test_stop_words(name, core):
    assert analyse(name).core == core


@pytest.mark.parametrize("stop_word", STOP_WORDS)
def test_every_stop_word_goes_from_inside_a_name(stop_word):
    assert analyse(f"Acme {stop_word} Widget").core == ("acme", "widget")


@pytest.mark.parametrize("stop_word", sorted(set(STOP_WORDS) - {"the"}))
def test_every_stop_word_stays_as_a_names_first_word(stop_word):
    assert analyse(f"{stop_word} Widget").core == (stop_word, "widget")


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Joint Stock Company", ("joint", "stock", "company")),
        ("Co., Ltd.", ("co", "ltd")),
        ("Ltd", ("ltd",)),
        ("The Company", ("company",)),
        ("the the", ("the",)),
        ("of the", ("of",)),
    ],
)
def test_a_name_of_only_legal_or_stop_words_keeps_a_core(name, core):
    form = analyse(name)
    assert form.core == core
    assert form.core  # never empty for a name with words


def test_a_name_without_words_has_an_empty_form():
    form = analyse("!!!")
    assert form == NameForm(tokens=(), core=(), legal_forms=(), legal_kinds=frozenset())


def test_core_words_are_unique_in_order():
    form = analyse("Foo Bar Foo Ltd Bar")
    assert form.tokens == ("foo", "bar", "foo", "ltd", "bar")
    assert form.core == ("foo", "bar")


def test_name_form_text_and_core_text():
    form = analyse("Beijing Int'l Tech Co., Ltd.")
    assert form.tokens == ("beijing", "international", "technology", "co", "ltd")
    assert form.text == "beijing international technology co ltd"
    assert form.core_text == "beijing international technology"
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.core = ()  # type: ignore[misc]


def test_generic_forms_are_found_but_have_no_kind():
    form = analyse("Acme Company Incorporated")
    assert form.legal_forms == ("company", "incorporated")
    assert form.legal_kinds == frozenset()


def _legal_form_cases():
    for form, kind in LEGAL_FORMS:
        yield pytest.param(form, kind, id=form)


@pytest.mark.parametrize(("form", "kind"), list(_legal_form_cases()))
def test_every_legal_form_in_the_table_leaves_the_core(form, kind):
    expected_kinds = frozenset() if kind == "generic" else frozenset({kind})
    for name in (f"Acme Widget {form}", f"{form} Acme Widget", f"Acme Widget {form.upper()}"):
        analysed = analyse(name)
        assert analysed.core == ("acme", "widget"), name
        assert analysed.legal_kinds == expected_kinds, name


@pytest.mark.parametrize(
    "name",
    ["GEX EXPLORE S. DE R.L. DE C.V.", "Gex Explore S. de R.L.", "Gex Explore S de RL de CV"],
)
def test_mexican_limited_liability_company_after_a_name(name):
    form = analyse(name)
    assert form.core == ("gex", "explore")
    assert form.legal_kinds == frozenset({"llc"})


@pytest.mark.parametrize(
    ("prefixed", "suffixed"),
    [
        ("OOO La Florida", "La Florida LLC"),
        ("JSC DES International", "DES International JSC"),
        ("PT De Nederlanden", "De Nederlanden"),
    ],
)
def test_a_leading_legal_form_does_not_change_the_core(prefixed, suffixed):
    assert analyse(prefixed).core == analyse(suffixed).core
