from bot.answers.reasons import derived_reason, ear_sections


def reason(*arguments) -> str:
    return derived_reason(*arguments).full


def test_ear_sections_are_read_from_the_licence_requirement():
    requirement = (
        "For all items subject to the EAR. "
        "(See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)"
    )
    assert ear_sections(requirement) == ["734.9", "746.8", "744.21"]


def test_the_most_specific_section_gives_the_reason():
    assert "military end use" in reason(
        "EL", "Entity List", "(See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)", []
    )
    assert "national security or foreign-policy" in reason(
        "EL", "Entity List", "For all items subject to the EAR. (See §744.11 of the EAR)", []
    )
    assert "nuclear" in reason("EL", "Entity List", "(See §744.2 of the EAR)", [])
    assert "Russia and Belarus" in reason(
        "EL", "Entity List", "when used in projects specified in § 746.8(a)(4) of the EAR", []
    )


def test_program_codes_give_the_reason_for_sanctions_lists():
    reason = derived_reason(
        "SDN", "Specially Designated Nationals", "", ["SDGT", "RUSSIA-EO14024"]
    ).full
    assert reason.startswith("Specially Designated Nationals:")
    assert "global terrorist" in reason and "Russia" in reason


def test_an_unknown_program_is_named_rather_than_dropped():
    assert "program XYZ-NEW" in reason("SDN", "Specially Designated Nationals", "", ["XYZ-NEW"])


def test_without_section_or_program_the_list_itself_explains():
    assert "Denied Persons" in reason("DPL", "Denied Persons List", "", [])
    assert "gives no reason" in reason("ZZ", "Some New List", "", [])


def test_every_program_is_kept_and_the_compact_line_counts_the_rest():
    programs = ["SDGT", "RUSSIA-EO14024", "IRGC", "CYBER2", "UKRAINE-EO13660"]
    said = derived_reason("SDN", "Specially Designated Nationals", "", programs)
    assert said.full.count(";") == len(programs) - 1
    assert said.compact.endswith("(+2 more programs).")
    assert said.compact.count(";") == 2
    few = derived_reason("SDN", "Specially Designated Nationals", "", ["SDGT"])
    assert few.compact == few.full
