"""/entity-admin's messages: usage, refusals, refresh progress and reports, status, and the
announcement of a scheduled refresh that changed something."""

from __future__ import annotations

from bot.answers import display
from bot.changes import DatasetChanges
from bot.screening import DataStatus, RefreshBusy, RefreshFailure, RefreshReport
from bot.slack.blocks.kit import Message, fit, list_label, plain, section
from bot.slack.safe_text import escape, escape_line, public_source, user_mention

# A refresh can change thousands of entries; a report names this many per list and kind.
MAX_CHANGED_NAMES = 8


def admin_usage(source: str) -> Message:
    lines = [
        "*/entity-admin* \u2014 for the admins named in `ENTITYBOT_ADMIN_USERS`.",
        "\u2022 `/entity-admin refresh` \u2014 load the Consolidated Screening List again from "
        f"the configured source ({escape_line(public_source(source))}) and report what changed.",
        "\u2022 `/entity-admin status` \u2014 the data answering now, its as-of date, counts per "
        "list and the last refresh.",
        "\u2022 `/entity-admin help` \u2014 this message.",
    ]
    return Message("How to use /entity-admin", [section("\n".join(lines), "admin-usage")])


def admin_refused(subcommand: str) -> Message:
    text = (
        f":no_entry: Only entitybot admins can run `/entity-admin {escape_line(subcommand)}`. "
        "Admins are the users named in `ENTITYBOT_ADMIN_USERS`; ask one of them."
    )
    return Message("Only entitybot admins can do that", [section(text, "refused")])


def admin_unknown(subcommand: str, source: str) -> Message:
    message = admin_usage(source)
    note = section(
        f":grey_question: `/entity-admin` has no `{escape_line(subcommand)}`.", "unknown"
    )
    return Message(message.text, [note, *message.blocks])


def refresh_takes_no_source(source: str) -> Message:
    text = (
        ":no_entry: `/entity-admin refresh` takes no source: it always loads the configured one "
        f"({escape_line(public_source(source))}, set by `ENTITYBOT_CSL_URL`). "
        "Nothing was fetched."
    )
    return Message("refresh takes no source", [section(text, "refused")])


def refresh_started(source: str) -> Message:
    text = (
        f":arrows_counterclockwise: Refreshing from {escape_line(public_source(source))} \u2026 "
        "I will report here when it is done. Lookups use the current data until then."
    )
    return Message("Refreshing the data", [section(text, "refresh")])


def refresh_busy(busy: RefreshBusy) -> Message:
    started = f" at {busy.since:%H:%M} UTC" if busy.since else ""
    by = f" by {user_mention(busy.holder)}" if busy.holder else ""
    text = (
        f":hourglass_flowing_sand: A refresh is already running (started{started}{by}). "
        "Its report comes to whoever started it; nothing new was started."
    )
    return Message("A refresh is already running", [section(text, "busy")])


def refresh_outcome(outcome: RefreshReport | RefreshFailure) -> Message:
    """What the admin who asked for a refresh hears when it is over."""
    if isinstance(outcome, RefreshReport):
        return refresh_done(outcome)
    return refresh_failed(outcome)


def refresh_done(report: RefreshReport) -> Message:
    dataset, previous = report.dataset, report.previous
    was = f" (was {display.day(previous.as_of)})" if previous else ""
    lines = [
        f":white_check_mark: *Refresh done* in {report.seconds:.1f} s from "
        f"{escape_line(public_source(report.source))}.",
        f"Now answering: *{dataset.entry_count:,} entries*, data as of "
        f"*{display.day(dataset.as_of)}*{was}.",
        _change_totals(report.changes),
    ]
    if report.duplicates_collapsed:
        lines.append(f"{report.duplicates_collapsed:,} duplicate rows collapsed into one each.")
    blocks = [section("\n".join(lines), "refresh")]
    names = _list_names(report)
    for code, changes in report.changes.per_list.items():
        if not changes.count:
            continue
        parts = [
            f"*{list_label(code, names)}*: +{len(changes.added)} \u2212{len(changes.removed)} "
            f"~{len(changes.changed)}"
        ]
        for label, changed in (
            ("Added", changes.added),
            ("Removed", changes.removed),
            ("Changed", changes.changed),
        ):
            if changed:
                parts.append(f"{label}: {_name_list(changed)}")
        blocks.append(section("\n".join(parts), f"list.{escape_line(code)[:200]}"))
    return Message(
        plain(f"Refresh done: {dataset.entry_count:,} entries as of {display.day(dataset.as_of)}"),
        fit(blocks),
    )


def refresh_announcement(report: RefreshReport) -> Message:
    """For ENTITYBOT_ANNOUNCE_CHANNEL after a scheduled refresh that changed something:
    "3 parties added to the Entity List: A, B, C"."""
    dataset = report.dataset
    names = _list_names(report)
    lines = [
        f":rotating_light: *The screening lists changed* (data as of "
        f"{display.day(dataset.as_of)}, {dataset.entry_count:,} entries)."
    ]
    for code, changes in report.changes.per_list.items():
        for verb, changed in (
            ("added to", changes.added),
            ("removed from", changes.removed),
            ("changed on", changes.changed),
        ):
            if changed:
                noun = "party" if len(changed) == 1 else "parties"
                lines.append(
                    f"{len(changed):,} {noun} {verb} the {list_label(code, names)}: "
                    f"{_name_list(changed)}"
                )
    first = lines[1] if len(lines) > 1 else lines[0]
    return Message(plain(first), fit([section("\n".join(lines), "announce")]))


def _list_names(report: RefreshReport) -> dict[str, str]:
    """List names from both sides: a list the new data lacks is named as the old data did."""
    before = report.previous.list_names if report.previous else {}
    return {**before, **report.dataset.list_names}


def _change_totals(changes: DatasetChanges) -> str:
    if not changes.any:
        return "Nothing changed compared with the previous data."
    return (
        f"Compared with the previous data: {changes.added:,} added, {changes.removed:,} "
        f"removed, {changes.changed:,} changed."
    )


def _name_list(names: list[str]) -> str:
    shown = "; ".join(escape_line(name) for name in names[:MAX_CHANGED_NAMES])
    if len(names) > MAX_CHANGED_NAMES:
        shown += f" and {len(names) - MAX_CHANGED_NAMES:,} more"
    return shown


def refresh_failed(failure: RefreshFailure) -> Message:
    lines = [f":x: *Refresh failed:* {escape(failure.reason)}"]
    active = failure.active
    if active:
        lines.append(
            f"Nothing changed: the data as of {display.day(active.as_of)} "
            f"({active.entry_count:,} entries, from {escape_line(public_source(active.source))}) "
            "is still answering."
        )
    else:
        lines.append("Nothing changed.")
    return Message("Refresh failed", [section("\n".join(lines), "refresh")])


def status(dataset: DataStatus, running: RefreshBusy | None) -> Message:
    if dataset.is_bundled:
        loaded = f"Loaded {dataset.loaded_at:%Y-%m-%d %H:%M} UTC, at first use, from the snapshot "
        loaded += "shipped with entitybot: no refresh since"
    else:
        by = user_mention(dataset.loaded_by) if dataset.loaded_by else "unknown"
        loaded = f"Last refresh: {dataset.loaded_at:%Y-%m-%d %H:%M} UTC by {by}"
    lines = [
        f"*Active data:* {escape_line(public_source(dataset.source))}",
        f"As of *{display.day(dataset.as_of)}*{escape(display.staleness(dataset.summary))} "
        f"\u00b7 {dataset.entry_count:,} entries",
        loaded,
    ]
    if running and running.since:
        lines.append(
            f":arrows_counterclockwise: A refresh is running now (started "
            f"{running.since:%H:%M} UTC by {user_mention(running.holder)})."
        )
    counts = "\n".join(
        f"{list_label(code, dataset.list_names)}: {count:,}"
        for code, count in dataset.counts_per_list.items()
    )
    blocks = [
        section("\n".join(lines), "status"),
        section(f"*Entries per list*\n{counts or 'none'}", "counts"),
    ]
    return Message(plain(f"entitybot data as of {display.day(dataset.as_of)}"), blocks)
