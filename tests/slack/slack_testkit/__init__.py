"""Test helpers for the Slack app: a fake Slack, signed requests, servers on real sockets."""
