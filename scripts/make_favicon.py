"""Draw the portal's favicon (the header's emblem: 民 in white on the brand red, in a white ring) as
static/img/favicon.ico (16, 32, 48 px), favicon-192.png and apple-touch-icon.png (180 px).
Run once after changing the design: .venv/bin/python scripts/make_favicon.py"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "img"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
BRAND = (164, 22, 26)  # --brand in static/css/portal.css


def emblem(size):
    scale = 4  # draw large, then downsample for smooth edges
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, side - 1, side - 1), fill=BRAND)
    ring = max(side // 20, scale)
    draw.ellipse((ring * 2, ring * 2, side - 1 - ring * 2, side - 1 - ring * 2), outline="white", width=ring)
    font = ImageFont.truetype(str(FONT), int(side * 0.46))
    draw.text((side / 2, side / 2), "民", font=font, fill="white", anchor="mm")
    return image.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    emblem(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    emblem(192).save(OUT / "favicon-192.png", optimize=True)
    touch = Image.new("RGB", (180, 180), BRAND)  # iOS fills transparency with black
    touch.paste(emblem(180), (0, 0), emblem(180))
    touch.save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
