"""nbgrader's and JupyterLab's screens as the trainee sees them, in a real JupyterLab (the course's start path,
plugins and translation overrides; headless Chromium): issue 21, deliverables 3 and 5."""

from __future__ import annotations

import nbformat
import pytest
from test_browser import ARTIFACTS, TOKEN, Lab, _open, browser, lab, sync_api  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_close_dialog_offers_three_different_words(lab: Lab, browser) -> None:  # noqa: F811
    """Closing a changed notebook: the language pack alone shows "Huỷ" and "Hủy" side by side (Cancel and
    Discard); with the course's overrides the buttons read "Huỷ", "Không lưu", "Lưu"."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / "dong_bai.ipynb")
    page = browser.new_page()
    panel = _open(page, f"{lab.url}/lab/tree/dong_bai.ipynb?reset&token={TOKEN}")
    panel.locator(".jp-CodeCell .cm-content").first.click()
    page.keyboard.type("2")
    sync_api.expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(1)
    page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabCloseIcon").click()
    dialog = page.locator(".jp-Dialog")
    sync_api.expect(dialog).to_have_count(1)
    labels = [t.strip() for t in dialog.locator(".jp-Dialog-footer button").all_inner_texts()]
    dialog.screenshot(path=str(ARTIFACTS / "close_dialog.png"))
    assert labels == ["Huỷ", "Không lưu", "Lưu"], labels
    dialog.locator("button", has_text="Huỷ").click()
    sync_api.expect(dialog).to_have_count(0)
    page.close()
