"""The browser fixture works: Debian's Chromium renders a page with Welsh text."""


def test_chromium_renders_a_page(browser_page):
    browser_page.set_content("<html lang='cy'><body><p id='t'>Dŵr ŷd</p></body></html>")
    assert browser_page.inner_text("#t") == "Dŵr ŷd"
