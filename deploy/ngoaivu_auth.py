"""The province's login: NativeAuthenticator's accounts (one per roster entry), on JupyterHub's own login page.

``jupyterhub-nativeauthenticator`` 1.3 (the newest release) replaces JupyterHub's login page by one that
uses ``self.statsd``, which JupyterHub 6 removed: every login is a 500 error. :class:`RosterAuthenticator`
keeps everything else of NativeAuthenticator (bcrypt passwords in the hub's database, the blocking of a name
after repeated failures, ``/hub/change-password``, sign-up turned off by the configuration) and serves
``/hub/login`` with JupyterHub's own handler, which calls the same ``authenticate``. Accounts are made by
``deploy/hubctl.py setup`` (``native_accounts``), never by sign-up.
"""

from __future__ import annotations

from typing import Any

from jupyterhub.handlers.login import LoginHandler
from nativeauthenticator import NativeAuthenticator


class RosterAuthenticator(NativeAuthenticator):
    """NativeAuthenticator whose login page is JupyterHub's (see the module docstring)."""

    def get_handlers(self, app: Any) -> list[tuple[str, Any]]:
        return [(path, LoginHandler if path == r"/login" else handler)
                for path, handler in super().get_handlers(app)]
