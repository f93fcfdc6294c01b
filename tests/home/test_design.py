"""Design rules checked from the stylesheet: text colour pairs keep a contrast ratio of at least 4.5:1,
focus is visible, and the large-text mode enlarges the type."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css").read_text()


def _vars(block):
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


ROOT = _vars(re.search(r":root\s*{([^}]*)}", CSS).group(1))
LARGE = {**ROOT, **_vars(re.search(r"\.mode-large\s*{([^}]*)}", CSS).group(1))}


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


PAIRS = [
    ("ink", "bg"),
    ("muted", "bg"),
    ("muted", "panel"),
    ("link", "bg"),
    ("link", "panel"),
    ("ink", "panel"),
]


@pytest.mark.parametrize("palette", [ROOT, LARGE], ids=["standard", "large"])
@pytest.mark.parametrize("fg,bg", PAIRS)
def test_text_contrast_at_least_4_5(palette, fg, bg):
    assert contrast(palette[fg], palette[bg]) >= 4.5


def test_white_on_brand_colours():
    for name in ("brand", "brand-dark"):
        assert contrast("#ffffff", ROOT[name]) >= 4.5
    assert contrast("#cfe3ff", "#222222") >= 4.5  # footer links
    assert contrast("#f0f0f0", "#222222") >= 4.5  # footer text


def test_focus_is_visible_and_large_mode_enlarges_type():
    assert re.search(r":focus-visible\s*{[^}]*outline:\s*3px solid", CSS)
    assert re.search(r"html\.mode-large\s*{\s*font-size:\s*1[3-9]\d(\.\d+)?%", CSS)
    assert "--line-height: 1.8" in CSS  # MIIT 适老化 asks for line spacing >= 1.3
