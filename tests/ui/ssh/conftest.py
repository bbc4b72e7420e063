"""The sshd, HOME and database fixtures of tests/ssh, for the window's tunnel tests."""

from tests.ssh.conftest import ssh_home, sshd, tunnel_db  # noqa: F401
