"""Slack cards for real entries tell what the text and JSON answers tell: what kind of entry
a party is, where its excerpt comes from, one person on two lists counted once, and a name
typed in a script the lists do not use."""

from __future__ import annotations

import pytest
from slack_testkit.messages import block_problems, block_texts

from bot.answers.json_contract import answer_json
from bot.screening import Screening
from bot.slack.blocks.answers import answer_blocks
from bot.slack.blocks.messages import lookup_reply
from bot.slack.button_values import ButtonSigner
from tests.answers.real_entries import screening_of

PICKED = ("Qihoo 360", "SAMSUN", "Khaki", "No. 28 Institute")
SIGNER = ButtonSigner("test-signing-secret")

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def screening(tmp_path_factory: pytest.TempPathFactory) -> Screening:
    return screening_of(PICKED, tmp_path_factory.mktemp("cards"))


def test_a_vessels_card_says_it_is_a_vessel(screening):
    answer = screening.lookup("SAMSUN")
    text = block_texts(answer_blocks(answer))
    assert "_Vessel_ on the Specially Designated Nationals (SDN)" in text


def test_an_entitys_card_names_its_list_alone(screening):
    text = block_texts(answer_blocks(screening.lookup("Qihoo 360")))
    assert "Entity List (EL)" in text
    assert "_Entity_" not in text


def test_the_card_says_where_its_excerpt_comes_from_as_the_json_does(screening):
    answer = screening.lookup("Qihoo 360")
    source = answer_json(answer)["results"][0]["excerpt_source"]
    excerpt_block = next(
        block for block in answer_blocks(answer) if block["block_id"].endswith(".excerpt")
    )
    assert excerpt_block["text"]["text"].endswith(f"_{source}_")


def test_one_person_on_two_lists_comes_close_as_one_party_with_two_listings(screening):
    answer = screening.lookup("Martin")
    reply = lookup_reply(answer, SIGNER)
    assert not block_problems(reply.blocks)
    text = block_texts(reply.blocks)
    assert "1 listed party comes close (2 listings), not clearly enough" in text
    assert "2 listed parties" not in text


def test_a_name_in_chinese_characters_is_told_to_try_the_romanised_name(screening):
    reply = lookup_reply(screening.lookup("中国电子科技集团公司第二十八研究所"), SIGNER)
    assert not block_problems(reply.blocks)
    (head,) = [block for block in reply.blocks if block["block_id"] == "a0.head"]
    said = head["text"]["text"]
    assert "*No match for" in said
    assert "Chinese characters" in said and "Latin letters" in said and "pinyin" in said
