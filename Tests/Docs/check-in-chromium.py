#!/usr/bin/env python3
"""The register reference in a real browser: headless Chromium loads pages of a generated site,
runs their script, and dumps the DOM; the checks below read it.

Usage: check-in-chromium.py SITE_DIR   (the output of `drivergen docs` on the bundled specs)
"""
import html.parser
import subprocess
import sys
import pathlib

site = pathlib.Path(sys.argv[1]).resolve()
failures = []


def dom(page, query=""):
    url = (site / page).as_uri() + query
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or "<html" not in result.stdout:
        raise SystemExit(f"chromium failed on {url}: {result.stderr[-2000:]}")
    return result.stdout


class Elements(html.parser.HTMLParser):
    """Every element's tag, attributes and direct text, by id and in order."""

    def __init__(self, text):
        super().__init__()
        self.elements, self.stack = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("input", "rect", "meta", "link", "br"):
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": ""})

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"] += data

    def by_id(self, id):
        return next((e for e in self.elements if e["attrs"].get("id") == id), None)


def expect(condition, message):
    print(("PASS " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


# The decoder: e1000e's CTRL, 0x00140240, field by field (an enum, flags, plain bits).
page = Elements(dom("E1000e/bar0.html", "?decode=bar0.control:0x00140240"))
decoded = {f: (page.by_id(f"bar0.control.{f}/decoded") or {}).get("text") for f in ["fullduplex", "setlinkup", "speed", "softwarepin0", "wakeupcapableind3"]}
expect(decoded == {"fullduplex": "0", "setlinkup": "1", "speed": "mbps1000", "softwarepin0": "1", "wakeupcapableind3": "1"},
       f"decoder: e1000e control 0x00140240 decodes as {decoded}")

# ...and back: setting fields builds the value.
page = Elements(dom("E1000e/bar0.html", "?encode=bar0.control:speed=1;setLinkUp=1;fullDuplex=1"))
value = (page.by_id("bar0.control/value") or {"attrs": {}})["attrs"].get("value")
speed = (page.by_id("bar0.control.speed/decoded") or {}).get("text")
expect(value == "0x00000141" and speed == "mbps100", f"encoder: speed=mbps100, setLinkUp, fullDuplex make {value} (speed decodes as {speed})")

# The diagram: one box per field at its bits, reserved bits marked, for every register of the page.
boxes_ok, checked = True, 0
for register in [e for e in page.elements if e["tag"] == "section" and "register" in e["attrs"].get("class", "")]:
    width = int(register["attrs"]["data-width"])
    if width > 32:
        continue
    id = register["attrs"]["id"]
    start = page.elements.index(register)
    end = next((i for i in range(start + 1, len(page.elements)) if page.elements[i]["tag"] == "section"), len(page.elements))
    groups = [e for e in page.elements[start:end] if e["tag"] == "g" and "data-lsb" in e["attrs"]]
    rects = [e for e in page.elements[start:end] if e["tag"] == "rect"]
    fields = [e for e in page.elements[start:end] if e["tag"] == "tr" and "data-field" in e["attrs"]]
    covered = sorted(b for g in groups for b in range(int(g["attrs"]["data-lsb"]), int(g["attrs"]["data-msb"]) + 1))
    field_groups = [g for g in groups if "field" in g["attrs"].get("class", "")]
    positions_ok = all(
        int(rect["attrs"]["x"]) == 1 + (width - 1 - int(g["attrs"]["data-msb"])) * 26
        and int(rect["attrs"]["width"]) == (int(g["attrs"]["data-msb"]) - int(g["attrs"]["data-lsb"]) + 1) * 26
        for g, rect in zip(groups, rects))
    if covered != list(range(width)) or len(field_groups) != len(fields) or not positions_ok:
        boxes_ok = False
        print(f"  {id}: bits {covered}, {len(field_groups)} boxes for {len(fields)} fields, positions {positions_ok}")
    checked += 1
expect(boxes_ok and checked > 20, f"diagrams: {checked} registers, each bit in one box, one box per field, at its bits")
speed_box = next((e for e in page.elements if e["tag"] == "g" and e["attrs"].get("data-field") == "speed"), None)
expect(speed_box is not None and speed_box["attrs"]["data-lsb"] == "8" and speed_box["attrs"]["data-msb"] == "9",
       "diagram: control.speed is the box over bits 9:8")

# Search: a field by name, with a deep link to it.
page = Elements(dom("Edu/index.html", "?search=computing"))
links = [e["attrs"].get("href") for e in page.elements if e["tag"] == "a" and e["attrs"].get("href", "").startswith("bar0.html#")]
count = (page.by_id("search-count") or {}).get("text")
expect("bar0.html#bar0.status.computing" in links, f"search: 'computing' finds {links} ({count})")

# The microcontroller's reference: a peripheral page decodes an enum.
page = Elements(dom("NRF51/uart0.html", "?decode=uart0.enable:4"))
expect((page.by_id("uart0.enable.enable/decoded") or {}).get("text") == "Enabled", "decoder: nRF51 UART0 ENABLE = 4 is Enabled")

if failures:
    sys.exit(f"{len(failures)} browser check(s) failed")
print("all browser checks passed")
