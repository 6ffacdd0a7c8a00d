"""/entity-admin: refresh from the configured source only, for admins only, one at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from slack_testkit.csl_data import ADMIN, AMBIGUOUS_PAIR, NEW_PARTY, csl_csv
from slack_testkit.messages import block_texts

from tests.waiting import stays_true, wait_until


@pytest.fixture
def csl_url(csl_server) -> str:
    """The configured source: the start data plus one new party."""
    return csl_server.serve("/consolidated.csv", csl_csv(*AMBIGUOUS_PAIR, NEW_PARTY).encode())


@pytest.fixture
def admin_app(start_app, csl_url):
    return start_app(csl_url=csl_url)


def _lookup(app, fake_slack, name: str) -> str:
    response_url = fake_slack.new_response_url()
    app.slack.command("/entity", name, response_url)
    return block_texts(fake_slack.wait_for_response(response_url).body["blocks"])


def test_someone_not_an_admin_is_refused_and_nothing_is_fetched(admin_app, csl_server):
    for text in ("refresh", "status", "refresh http://127.0.0.1:1/evil.csv"):
        reply = admin_app.slack.command("/entity-admin", text, "http://unused", user_id="U0NOBODY")

        assert reply.status == 200
        assert "Only entitybot admins can run" in block_texts(reply.json()["blocks"])
    stays_true(lambda: csl_server.total_requests == 0, 0.2, "a refused refresh fetched")


def test_an_admin_refresh_acks_at_once_reports_the_changes_and_the_new_entry_answers(
    admin_app, fake_slack, csl_server, csl_url
):
    assert "*No match" in _lookup(admin_app, fake_slack, "Zephyr Quantum Dynamics")
    response_url = fake_slack.new_response_url()

    reply = admin_app.slack.command("/entity-admin", "refresh", response_url, user_id=ADMIN)

    assert reply.status == 200
    assert f"Refreshing from {csl_url}" in block_texts(reply.json()["blocks"])
    report = fake_slack.wait_for_response(response_url).body
    assert report["response_type"] == "ephemeral"
    text = block_texts(report["blocks"])
    assert ":white_check_mark: *Refresh done* in " in text
    assert f"from {csl_url}." in text
    dataset = admin_app.screening.status()
    assert f"*{dataset.entry_count:,} entries*, data as of *{dataset.as_of.isoformat()}*" in text
    assert "1 added, 0 removed, 0 changed" in text
    assert "*Entity List (EL)*: +1 \u22120 ~0\nAdded: Zephyr Quantum Dynamics Ltd." in text
    assert csl_server.requests["/consolidated.csv"] == 1
    assert dataset.loaded_by == ADMIN

    assert "*Zephyr Quantum Dynamics Ltd.*" in _lookup(admin_app, fake_slack, "Zephyr Quantum")


def test_a_corrupt_download_is_reported_and_the_old_data_keeps_answering(
    start_app, fake_slack, csl_server
):
    html = b"<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>"
    app = start_app(csl_url=csl_server.serve("/maintenance.csv", html, "text/html"))
    before = app.screening.status()
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity-admin", "refresh", response_url, user_id=ADMIN)

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert ":x: *Refresh failed:*" in text
    assert "HTML" in text or "html" in text
    assert (
        f"Nothing changed: the data as of {before.as_of.isoformat()} "
        f"({before.entry_count:,} entries" in text
    )
    assert app.screening.status().version_id == before.version_id
    assert "*Qihoo 360 Technology Co. Ltd*" in _lookup(app, fake_slack, "Qihoo 360")


def test_a_source_that_answers_404_is_reported(start_app, fake_slack, csl_server):
    app = start_app(csl_url=csl_server.serve("/x", b"") + "-missing")
    response_url = fake_slack.new_response_url()

    app.slack.command("/entity-admin", "refresh", response_url, user_id=ADMIN)

    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    assert ":x: *Refresh failed:*" in text and "404" in text


def test_a_source_typed_by_the_admin_is_refused_and_not_fetched(admin_app, csl_server):
    elsewhere = csl_server.serve("/elsewhere.csv", b"")

    reply = admin_app.slack.command(
        "/entity-admin", f"refresh {elsewhere}", "http://unused", user_id=ADMIN
    )

    assert "takes no source" in block_texts(reply.json()["blocks"])
    stays_true(lambda: csl_server.total_requests == 0, 0.2, "a refused refresh fetched")


def test_a_second_refresh_while_one_runs_is_told_so(admin_app, fake_slack, csl_server):
    release = csl_server.hold("/consolidated.csv")
    first_url = fake_slack.new_response_url()
    first = admin_app.slack.command("/entity-admin", "refresh", first_url, user_id=ADMIN)
    assert "Refreshing from" in block_texts(first.json()["blocks"])
    wait_until(
        lambda: csl_server.requests["/consolidated.csv"], "the first refresh to start downloading"
    )

    second = admin_app.slack.command("/entity-admin", "refresh", "http://unused", user_id=ADMIN)

    text = block_texts(second.json()["blocks"])
    assert "A refresh is already running" in text
    assert f"by <@{ADMIN}>" in text
    release.set()
    assert "*Refresh done*" in block_texts(fake_slack.wait_for_response(first_url).body["blocks"])
    assert csl_server.requests["/consolidated.csv"] == 1
    third_url = fake_slack.new_response_url()
    third = admin_app.slack.command("/entity-admin", "refresh", third_url, user_id=ADMIN)
    assert "Refreshing from" in block_texts(third.json()["blocks"])
    fake_slack.wait_for_response(third_url)


def test_status_shows_the_active_data_its_counts_and_the_last_refresh(admin_app, fake_slack):
    response_url = fake_slack.new_response_url()

    reply = admin_app.slack.command("/entity-admin", "status", response_url, user_id=ADMIN)

    assert (reply.status, reply.body) == (200, "")
    text = block_texts(fake_slack.wait_for_response(response_url).body["blocks"])
    dataset = admin_app.screening.status()
    assert f"As of *{dataset.as_of.isoformat()}* \u00b7 {dataset.entry_count} entries" in text
    assert f"Last refresh: {dataset.loaded_at:%Y-%m-%d %H:%M} UTC by <@U0LOADER>" in text
    assert "Entity List (EL): 12\nMilitary End User List (MEU): 1" in text


def test_help_and_unknown_subcommands_show_the_usage(admin_app):
    for text in ("", "help", "purge"):
        reply = admin_app.slack.command("/entity-admin", text, "http://unused", user_id="U0NOBODY")

        usage = block_texts(reply.json()["blocks"])
        assert "`/entity-admin refresh`" in usage
    assert "has no `purge`" in usage


SECOND_ADMIN = "U0ADMIN2"


def _minutes_around(moment: datetime) -> set[str]:
    """The HH:MM a reply may show for a refresh started near `moment`."""
    return {f"{moment + timedelta(seconds=s):%H:%M}" for s in (-5, 0, 5)}


def test_a_second_refresh_asked_at_once_is_told_who_started_the_first_and_when(
    start_app, fake_slack, csl_server, csl_url
):
    """The second request comes before the first refresh's child process has taken the
    store's lock: it must still be refused, in its ack."""
    app = start_app(csl_url=csl_url, admin_users=frozenset({ADMIN, SECOND_ADMIN}))
    release = csl_server.hold("/consolidated.csv")
    asked_at = datetime.now(UTC)
    first_url = fake_slack.new_response_url()

    first = app.slack.command("/entity-admin", "refresh", first_url, user_id=ADMIN)
    second = app.slack.command("/entity-admin", "refresh", "http://unused", user_id=SECOND_ADMIN)

    assert "Refreshing from" in block_texts(first.json()["blocks"])
    text = block_texts(second.json()["blocks"])
    assert "A refresh is already running" in text
    assert f"by <@{ADMIN}>" in text
    assert any(f"started at {hhmm} UTC" in text for hhmm in _minutes_around(asked_at)), text
    release.set()
    assert "*Refresh done*" in block_texts(fake_slack.wait_for_response(first_url).body["blocks"])
    assert csl_server.requests["/consolidated.csv"] == 1


def test_a_refresh_asked_of_another_instance_on_the_same_database_is_told_so(
    start_app, fake_slack, csl_server, csl_url
):
    admins = frozenset({ADMIN, SECOND_ADMIN})
    first_instance = start_app(csl_url=csl_url, admin_users=admins)
    second_instance = start_app(csl_url=csl_url, admin_users=admins)
    release = csl_server.hold("/consolidated.csv")
    first_url = fake_slack.new_response_url()

    first_instance.slack.command("/entity-admin", "refresh", first_url, user_id=ADMIN)
    second = second_instance.slack.command(
        "/entity-admin", "refresh", "http://unused", user_id=SECOND_ADMIN
    )

    text = block_texts(second.json()["blocks"])
    assert "A refresh is already running" in text and f"by <@{ADMIN}>" in text
    release.set()
    fake_slack.wait_for_response(first_url)
    # Over, on either instance: the next request is accepted.
    next_url = fake_slack.new_response_url()
    again = second_instance.slack.command(
        "/entity-admin", "refresh", next_url, user_id=SECOND_ADMIN
    )
    assert "Refreshing from" in block_texts(again.json()["blocks"])
    assert "*Refresh done*" in block_texts(fake_slack.wait_for_response(next_url).body["blocks"])
