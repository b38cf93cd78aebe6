"""What is done to a picture's pixels, with Pillow: checking an upload, cleaning it for
storage, and making its renditions. No Django models here; storage is passed in."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from PIL import Image as PILImage
from PIL import ImageOps, features

from newsroom.persian.text import to_persian_digits

# What may be uploaded, by Pillow's name for the format, with the file name endings it goes by.
FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "GIF": {"gif"}, "WEBP": {"webp"}}
# The widths the layouts need: a phone, a phone at 2×/a column, the article at 1×/2×.
WIDTHS = (320, 640, 960, 1280, 1600)
CARD_RATIO = (16, 9)
CARD_WIDTHS = (320, 640, 960)
SOCIAL_SIZE = (1200, 630)  # Open Graph's and the JSON-LD's picture


class Refused(ValueError):
    """An upload that is not taken, with the Persian sentence that says why."""


@dataclass(frozen=True)
class Checked:
    format: str
    width: int
    height: int


def check(data: bytes, *, max_bytes: int, max_pixels: int) -> Checked:
    """Is `data` a picture we take? Its format and size, or Refused saying what is wrong.

    The header is read before any pixel: a decompression bomb (a small file that unpacks to
    billions of pixels) is refused by its stated size, never decoded."""
    if len(data) > max_bytes:
        raise Refused(
            "حجم این پرونده بیش از اندازه است؛ "
            f"حداکثر {to_persian_digits(max_bytes // (1024 * 1024))} مگابایت."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                image.verify()
                found = Checked(image.format, *image.size)
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise Refused(TOO_MANY_PIXELS) from error
    except Exception as error:  # Pillow raises many kinds for a broken or foreign file
        raise Refused(NOT_AN_IMAGE) from error
    if found.format not in FORMATS:
        raise Refused(NOT_AN_IMAGE)
    if found.width * found.height > max_pixels:
        raise Refused(TOO_MANY_PIXELS)
    return found


NOT_AN_IMAGE = "این پرونده تصویر نیست یا خراب است؛ فقط عکس JPG، PNG، GIF یا WebP بفرستید."
TOO_MANY_PIXELS = "ابعاد این تصویر بیش از اندازه است؛ کوچک‌ترش کنید."


def clean(data: bytes) -> tuple[bytes, str]:
    """The picture as it is stored: turned as its EXIF orientation says, then written again
    without EXIF, XMP or comments (a phone's photo carries where it was taken). Returns the
    bytes and the file name ending for them."""
    with PILImage.open(io.BytesIO(data)) as image:
        image_format = image.format
        if image_format == "GIF":
            # Written again, an animation would lose its frames; GIF has no EXIF to strip.
            return data, "gif"
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            # A palette's transparency is kept as an alpha channel (PNG, GIF-like logos).
            clear = "A" in upright.getbands() or "transparency" in upright.info
            upright = upright.convert("RGBA" if clear else "RGB")
        out = io.BytesIO()
        options = {"icc_profile": icc} if icc else {}
        if image_format == "JPEG":
            if upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            upright.save(out, "JPEG", quality=90, optimize=True, progressive=True, **options)
            return out.getvalue(), "jpg"
        if image_format == "WEBP":
            upright.save(out, "WEBP", quality=90, **options)
            return out.getvalue(), "webp"
        upright.save(out, "PNG", optimize=True, **options)
        return out.getvalue(), "png"


def modern_formats() -> list[str]:
    """The formats renditions are made in, best first: AVIF where this Pillow can write it."""
    return ["avif", "webp"] if features.check("avif") else ["webp"]


def crop_box(size: tuple[int, int], ratio: tuple[int, int], focal: tuple[float, float]):
    """The largest box of `ratio` inside an image of `size`, centred on the focal point (as
    fractions of the width and height) as far as the edges allow."""
    width, height = size
    box_width = min(width, round(height * ratio[0] / ratio[1]))
    box_height = min(height, round(width * ratio[1] / ratio[0]))
    left = min(max(round(focal[0] * width - box_width / 2), 0), width - box_width)
    top = min(max(round(focal[1] * height - box_height / 2), 0), height - box_height)
    return left, top, left + box_width, top + box_height


def encode(image: PILImage.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    if image_format == "avif":
        image.save(out, "AVIF", quality=55, speed=settings.IMAGE_AVIF_SPEED)
    elif image_format == "webp":
        image.save(out, "WEBP", quality=75, method=4)
    else:
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def resized(image: PILImage.Image, width: int) -> PILImage.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)


def widths_for(original_width: int, wanted=WIDTHS) -> list[int]:
    """`wanted` up to the original's width, and the original's own width when it falls
    between them: never a rendition larger than what was uploaded."""
    widths = [width for width in wanted if width < original_width]
    return [*widths, original_width] if original_width <= wanted[-1] else widths


@dataclass(frozen=True)
class Made:
    """One rendition: what it is (`kind`: width, card or social), its format and size, and
    its bytes."""

    kind: str
    format: str
    width: int
    height: int
    data: bytes


def renditions(data: bytes, focal: tuple[float, float]):
    """Every rendition of the picture in `data`, one at a time (they are large)."""
    with PILImage.open(io.BytesIO(data)) as source:
        source.load()
        clear = "A" in source.getbands() or "transparency" in source.info
        image = source.convert("RGBA" if clear else "RGB")
    formats = modern_formats()
    for width in widths_for(image.width):
        picture = resized(image, width)
        for image_format in formats:
            yield Made("width", image_format, *picture.size, encode(picture, image_format))
    card = image.crop(crop_box(image.size, CARD_RATIO, focal))
    for width in widths_for(card.width, CARD_WIDTHS):
        picture = resized(card, width)
        for image_format in formats:
            yield Made("card", image_format, *picture.size, encode(picture, image_format))
    social = image.crop(crop_box(image.size, SOCIAL_SIZE, focal))
    if social.width > SOCIAL_SIZE[0]:
        social = social.resize(SOCIAL_SIZE, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    # JPEG: what every share preview (Telegram, WhatsApp, X) reads.
    yield Made("social", "jpeg", *social.size, encode(social, "jpeg"))
