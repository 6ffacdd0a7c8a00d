from bot.answers.reasons import derived_reason, ear_sections


def test_ear_sections_are_read_from_the_licence_requirement():
    requirement = (
        "For all items subject to the EAR. "
        "(See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)"
    )
    assert ear_sections(requirement) == ["734.9", "746.8", "744.21"]


def test_the_most_specific_section_gives_the_reason():
    assert "military end use" in derived_reason(
        "EL", "Entity List", "(See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)", []
    )
    assert "national security or foreign-policy" in derived_reason(
        "EL", "Entity List", "For all items subject to the EAR. (See §744.11 of the EAR)", []
    )
    assert "nuclear" in derived_reason("EL", "Entity List", "(See §744.2 of the EAR)", [])
    assert "Russia and Belarus" in derived_reason(
        "EL", "Entity List", "when used in projects specified in § 746.8(a)(4) of the EAR", []
    )


def test_program_codes_give_the_reason_for_sanctions_lists():
    reason = derived_reason("SDN", "Specially Designated Nationals", "", ["SDGT", "RUSSIA-EO14024"])
    assert reason.startswith("Specially Designated Nationals:")
    assert "global terrorist" in reason and "Russia" in reason


def test_an_unknown_program_is_named_rather_than_dropped():
    assert "program XYZ-NEW" in derived_reason(
        "SDN", "Specially Designated Nationals", "", ["XYZ-NEW"]
    )


def test_without_section_or_program_the_list_itself_explains():
    assert "Denied Persons" in derived_reason("DPL", "Denied Persons List", "", [])
    assert "gives no reason" in derived_reason("ZZ", "Some New List", "", [])
