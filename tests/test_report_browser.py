"""The report as a person sees it: the bundled example in real headless Chromium.

Chromium parses and lays out the page; the test reads the DOM Chromium built (the
conflict row, the highlighted number edit, no script), takes a laptop-width and a
phone-width screenshot (kept under the test's tmp_path; also copied to
$STORYTRACE_SCREENSHOTS when set, for CI artifacts) and checks that the red of the
changed-number highlight is on screen. Without Chromium the test skips (a user's
machine), unless STORYTRACE_REQUIRE_BROWSER=1 (CI: .ci/run installs Debian's chromium
package and sets it), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from storytrace.report import write_report

RED = (0xC0, 0x39, 0x2B)  # report.css --red: a changed number's highlight, a conflict badge
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio"]


def find_chromium() -> str | None:
    explicit = os.environ.get("STORYTRACE_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def require_chromium() -> str:
    """Chromium's path; else skip (a user's machine), or fail where STORYTRACE_REQUIRE_BROWSER=1 (CI)."""
    path = find_chromium()
    if path is None:
        if os.environ.get("STORYTRACE_REQUIRE_BROWSER") == "1":
            pytest.fail("STORYTRACE_REQUIRE_BROWSER=1 but no chromium found (install Debian's chromium package)")
        pytest.skip("no chromium on this machine (apt-get install chromium); CI runs this test")
    return path


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules[__name__], "find_chromium", lambda: None)
    monkeypatch.setenv("STORYTRACE_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception):
        require_chromium()
    monkeypatch.delenv("STORYTRACE_REQUIRE_BROWSER")
    with pytest.raises(pytest.skip.Exception):
        require_chromium()


def run_chromium(chromium: str, profile: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    profile.mkdir(parents=True, exist_ok=True)
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "HOME": str(profile)})


def png_rows(data: bytes) -> tuple[int, int, int, list[bytearray]]:
    """(width, height, bytes per pixel, unfiltered rows) of an 8-bit RGB(A) non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
    w, h, depth, ctype, _, _, interlace = header  # type: ignore[misc]
    assert depth == 8 and ctype in (2, 6) and not interlace, header
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                line[i] = (line[i] + (((line[i - bpp] if i >= bpp else 0) + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def count_color(rows: list[bytearray], bpp: int, color: tuple[int, int, int], tol: int = 6) -> int:
    r0, g0, b0 = color
    return sum(1 for row in rows for i in range(0, len(row), bpp)
               if abs(row[i] - r0) <= tol and abs(row[i + 1] - g0) <= tol and abs(row[i + 2] - b0) <= tol)


@pytest.fixture(scope="module")
def report(example_ledger, tmp_path_factory) -> Path:
    return write_report(example_ledger, tmp_path_factory.mktemp("browser") / "report.html")


def _keep(path: Path) -> None:
    target = os.environ.get("STORYTRACE_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def test_chromium_renders_the_conflict_row_and_the_highlighted_edit(chromium, report, example_ledger, tmp_path):
    done = run_chromium(chromium, tmp_path / "profile", "--dump-dom", report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<script" not in dom.lower()
    with sqlite3.connect(example_ledger) as conn:
        (fid,) = conn.execute("""select id from figures where measure = 'killed' and "group" = 'children'""").fetchone()
    row = re.search(rf'<tr id="f-{fid}">(.*?)</tr>', dom, re.S)
    assert row, "the killed/children figure row is not in the rendered page"
    text = re.sub(r"<[^>]+>", " ", row.group(1))
    assert "killed · children" in text and "conflict" in text
    assert re.search(r"\b11\b", text) and re.search(r"\b14\b", text)
    # the copied passage with the changed number highlighted, and its earlier version
    assert re.search(r'<ins class="edit num" title="was: 11">14</ins>', dom)
    assert re.search(r'<del class="edit num" title="became: 14">11</del>', dom)
    assert "Rejected inputs" in dom and "Copy trail" in dom and "Quotes" in dom


@pytest.mark.parametrize("width,height,name", [(1280, 2000, "report.png"), (390, 2400, "report-phone.png")])
def test_chromium_screenshot_shows_the_red_highlights(chromium, report, tmp_path, width, height, name):
    shot = tmp_path / name
    done = run_chromium(chromium, tmp_path / "profile", f"--screenshot={shot}", f"--window-size={width},{height}",
                        report.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000, "a blank page?"
    w, h, bpp, rows = png_rows(data)
    assert (w, h) == (width, height)
    background = count_color(rows, bpp, (255, 255, 255), 0)
    assert background < 0.97 * w * h, "the page is (nearly) empty"
    assert count_color(rows, bpp, RED) > 200, "no red highlight (conflict badge, changed number) on screen"
    _keep(shot)
    print(f"screenshot: {shot}")


MEASURE = """<script>
window.addEventListener("load", () => {
  const doc = document.getElementById("page").contentDocument;
  const page = doc.documentElement.scrollWidth;
  let smallest = 99;
  for (const svg of doc.querySelectorAll("svg.chart, svg.graph")) {
    const box = svg.getBoundingClientRect(), vb = svg.viewBox && svg.viewBox.baseVal;
    if (!vb || !vb.width || !box.width) continue;
    const scale = box.width / vb.width;
    for (const t of svg.querySelectorAll("text")) {
      smallest = Math.min(smallest, parseFloat(doc.defaultView.getComputedStyle(t).fontSize) * scale);
    }
  }
  const footer = doc.querySelector("footer code");
  const footerLines = footer ? footer.getClientRects().length : 0;
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({page: page, smallest: Math.round(smallest * 10) / 10, footer: footerLines});
  document.body.appendChild(out);
});
</script>"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_screen_holds_the_page_and_its_labels_stay_readable(chromium, report, tmp_path, width):
    """At 390 px (a phone; the report in a frame that wide: headless Chromium's window is at
    least 500 px wide) and at 1280 px: nothing wider than the screen (wide charts, the copy
    graph and tables scroll inside their own box), no chart label drawn smaller than 10 px,
    the footer's command on one line (never broken mid-word)."""
    import html as html_mod

    page = tmp_path / "measured.html"
    frame = (f'<iframe id="page" style="width:{width}px;height:2400px;border:0" '
             f'srcdoc="{html_mod.escape(report.read_text(encoding="utf-8"))}"></iframe>')
    page.write_text(f"<!doctype html><html><body style='margin:0'>{frame}{MEASURE}</body></html>", encoding="utf-8")
    done = run_chromium(chromium, tmp_path / "profile", "--dump-dom", f"--window-size={width + 100},2400",
                        "--virtual-time-budget=5000", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found, "the measuring script did not run"
    measured = json.loads(found.group(1).replace("&quot;", '"'))
    assert measured["page"] <= width, measured
    assert measured["smallest"] >= 10, measured
    assert measured["footer"] == 1, measured
