"""A CSV or text file shared with the bot comes back screened, as a CSV file in its thread;
files that cannot be screened are refused in one line, and nothing is screened."""

from __future__ import annotations

import csv
import io
import sqlite3

from slack_testkit.messages import block_texts
from slack_testkit.slack_requests import BOT_USER_ID, direct_message, mention

from tests.waiting import stays_true


def _posts(fake_slack):
    return fake_slack.api_calls("chat.postMessage")


def _shared(fake_slack):
    return fake_slack.shared_files


def _file_message(fake_slack, file_id, name, content, ts, text=""):
    file = fake_slack.share_private(file_id, name, content)
    return direct_message(text, ts=ts, subtype="file_share", files=[file])


def test_a_csv_in_a_dm_comes_back_screened_as_a_file_in_its_thread(app, fake_slack):
    content = (
        "id;Supplier;country\n1;Qihoo 360 Technology Co. Ltd;CN\n2;;US\n3;Acme Widgets GmbH;DE\n"
    ).encode("utf-8-sig")
    event = _file_message(fake_slack, "F0SUPPLIERS", "suppliers.csv", content, "1712.200100")

    assert app.slack.event(event).status == 200

    (shared,) = fake_slack.wait_for(_shared, timeout=30)
    assert shared.channel == "D0ASKER" and shared.thread_ts == "1712.200100"
    assert fake_slack.downloads == ["F0SUPPLIERS"]
    rows = list(csv.DictReader(io.StringIO(shared.content.decode("utf-8"))))
    assert [row["id"] for row in rows] == ["1", "2", "3"]
    assert [row["status"] for row in rows] == ["match", "error", "none"]
    assert rows[0]["matched_name"] == "Qihoo 360 Technology Co. Ltd" and rows[0]["list"] == "EL"
    (post,) = _posts(fake_slack)
    assert post.body["thread_ts"] == "1712.200100"
    text = block_texts(post.body["blocks"])
    assert "3 rows screened: 1 match, 0 possible matches, 1 error" in text
    assert "row 1: Qihoo 360 Technology Co. Ltd" in text
    # Recorded before it was sent: the file, and the parties it named.
    (record,) = app.screening.records.between(None, None)
    assert (record.surface, record.channel_id, record.status) == (
        "direct_message",
        "D0ASKER",
        "match",
    )
    assert record.asked.startswith("file suppliers.csv: 3 rows screened")
    assert [party.name for party in record.parties] == ["Qihoo 360 Technology Co. Ltd"]


def test_an_unrecorded_screening_sends_the_notice_and_no_results(app, fake_slack):
    with sqlite3.connect(app.settings.database_url.removeprefix("sqlite:///")) as connection:
        connection.execute(
            "CREATE TRIGGER refuse_records BEFORE INSERT ON answer_record "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    content = b"name\nQihoo 360\n"
    app.slack.event(_file_message(fake_slack, "F0NOREC", "s.csv", content, "1712.700100"))

    (post,) = fake_slack.wait_for(_posts)
    said = block_texts(post.body["blocks"])
    assert "could not be recorded, so it is not shown" in said and "Qihoo" not in post.raw
    stays_true(lambda: fake_slack.shared_files == [], 0.3, "the results were uploaded")


def test_a_text_file_with_a_mention_is_screened_in_the_channel_thread(app, fake_slack):
    file = fake_slack.share_private("F0NAMES", "names.txt", b"Hitech Corporation\nAcme GmbH\n")
    event = {**mention("please screen", ts="1712.200200"), "files": [file]}

    app.slack.event(event)

    (shared,) = fake_slack.wait_for(_shared, timeout=30)
    assert shared.channel == "C0COMPLIANCE" and shared.thread_ts == "1712.200200"
    rows = list(csv.DictReader(io.StringIO(shared.content.decode())))
    assert [row["name"] for row in rows] == ["Hitech Corporation", "Acme GmbH"]
    # The mention is answered by the file's screening alone, not also as a question.
    (post,) = fake_slack.wait_for(_posts)
    assert "2 rows screened" in block_texts(post.body["blocks"])


def test_bad_files_are_refused_in_one_line_and_nothing_is_uploaded(start_app, fake_slack):
    app = start_app(batch_max_mb=1)
    one_column = b"name\n" + b"Acme Widgets Trading Company\n" * 400_000  # about 11 MB
    cases = [
        ("F0EMPTY", "empty.csv", b"", "empty"),
        ("F0BIN", "sheet.csv", b"PK\x03\x04\x00\x00\x00binary", "binary"),
        ("F0XLSX", "sheet.xlsx", b"PK\x03\x04", "CSV UTF-8"),
        ("F0BIG", "big.csv", one_column, "over 1 MB"),
        ("F0DELIM", "wrong.csv", b"name;country\nQihoo 360,CN\nAcme,US\nBeta,FR\n", "delimiter"),
    ]
    for number, (file_id, name, content, _said) in enumerate(cases):
        app.slack.event(_file_message(fake_slack, file_id, name, content, f"1712.3001{number}"))

    posts = fake_slack.wait_for(_posts, count=len(cases), timeout=30)
    by_thread = {post.body["thread_ts"]: block_texts(post.body["blocks"]) for post in posts}
    for number, (_file_id, name, _content, said) in enumerate(cases):
        text = by_thread[f"1712.3001{number}"]
        assert f"I could not screen *{name}*" in text and said in text, text
        assert len(text.splitlines()) == 1
    assert fake_slack.shared_files == []
    # Neither the file of another type nor the one over the cap was downloaded.
    assert "F0XLSX" not in fake_slack.downloads and "F0BIG" not in fake_slack.downloads


def test_too_many_rows_are_refused_and_the_bots_own_uploads_ignored(start_app, fake_slack):
    app = start_app(batch_max_rows=3)
    content = b"name\nA one\nB two\nC three\nD four\n"
    app.slack.event(_file_message(fake_slack, "F0ROWS", "rows.csv", content, "1712.400100"))
    own = _file_message(fake_slack, "F0OWN", "own.csv", b"name\nQihoo 360\n", "1712.400200")
    app.slack.event({**own, "user": BOT_USER_ID, "bot_id": "B0BOT"})

    (post,) = fake_slack.wait_for(_posts)
    assert "4 rows; at most 3" in block_texts(post.body["blocks"])
    assert post.body["thread_ts"] == "1712.400100"
    assert fake_slack.downloads == ["F0ROWS"]


def test_a_long_file_gets_a_progress_message_updated_to_done(app, fake_slack):
    names = "".join(f"Company number {n} Widgets\n" for n in range(1500))
    content = ("name\nQihoo 360\n" + names).encode()
    app.slack.event(_file_message(fake_slack, "F0LONG", "long.csv", content, "1712.500100"))

    (shared,) = fake_slack.wait_for(_shared, timeout=60)
    assert shared.content.decode().count("\n") == 1502
    progress = _posts(fake_slack)[0]
    assert "Screening *long.csv*: 0 of 1,501 rows" in block_texts(progress.body["blocks"])
    updates = fake_slack.api_calls("chat.update")
    assert updates and "Screened *long.csv*: 1,501 rows screened" in block_texts(
        updates[-1].body["blocks"]
    )


def test_progress_updates_slack_refuses_do_not_stop_the_results(app, fake_slack):
    fake_slack.file_errors["chat.update"] = "ratelimited"
    names = "".join(f"Company number {n} Widgets\n" for n in range(1200))
    content = ("name\n" + names).encode()
    app.slack.event(_file_message(fake_slack, "F0RATE", "rate.csv", content, "1712.600100"))

    (shared,) = fake_slack.wait_for(_shared, timeout=60)
    assert shared.thread_ts == "1712.600100"
    assert fake_slack.api_calls("chat.update")
    texts = [block_texts(post.body["blocks"]) for post in _posts(fake_slack)]
    assert "1,200 rows screened" in texts[-1]
    assert not any("Something went wrong" in text for text in texts)


def test_a_file_event_without_its_url_is_looked_up_with_files_info(app, fake_slack):
    file = fake_slack.share_private("F0INFO", "info.csv", b"name\nQihoo 360\n")
    bare = {k: v for k, v in file.items() if not k.startswith("url_")}
    app.slack.event(direct_message("", ts="1712.800100", subtype="file_share", files=[bare]))

    (shared,) = fake_slack.wait_for(_shared, timeout=30)
    assert fake_slack.api_calls("files.info")[0].body["file"] == "F0INFO"
    assert "Qihoo 360,match" in shared.content.decode()


def test_the_bot_token_goes_to_no_host_but_slacks(app, fake_slack, csl_server):
    elsewhere = csl_server.serve("/steal.csv", b"name\nQihoo 360\n")
    file = {
        **fake_slack.share_private("F0AWAY", "away.csv", b""),
        "url_private_download": elsewhere,
    }
    app.slack.event(direct_message("", ts="1712.800200", subtype="file_share", files=[file]))

    (post,) = fake_slack.wait_for(_posts)
    assert "I could not screen *away.csv*" in block_texts(post.body["blocks"])
    assert csl_server.total_requests == 0 and fake_slack.shared_files == []
