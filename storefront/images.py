"""Product images: checked by content (not by name or declared type), resized into a thumbnail,
stored under the shop's own media prefix."""
from __future__ import annotations

import io
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from saas.errors import AppError
from storefront.catalog_cache import catalog_changed
from storefront.models import Product, ProductImage

FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}  # MPO: many phones
THUMB_SIZE = (480, 480)
MAX_PIXELS = 40_000_000


def _bad(message: str) -> AppError:
    return AppError("invalid_image", message, fields={"image": [message]})


def image_add(*, product: Product, upload, alt: str = "") -> ProductImage:
    if upload is None:
        raise _bad("Choose an image file.")
    if upload.size > settings.MAX_IMAGE_BYTES:
        raise _bad(f"The image is larger than {settings.MAX_IMAGE_BYTES // (1024 * 1024)} MB.")
    try:
        with Image.open(upload) as probe:
            kind = probe.format
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as img:
            if kind not in FORMATS:
                raise _bad("Use a JPEG, PNG, WebP or GIF image.")
            if img.width * img.height > MAX_PIXELS:
                raise _bad("The image has too many pixels.")
            upright = ImageOps.exif_transpose(img) or img  # phone photos carry their rotation in EXIF
            thumb = upright.convert("RGBA" if upright.mode in ("RGBA", "LA", "P") else "RGB")
            thumb.thumbnail(THUMB_SIZE)
            buffer = io.BytesIO()
            thumb.save(buffer, format="WEBP", quality=82)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _bad("This file is not an image we can read.") from exc
    upload.seek(0)
    with transaction.atomic():
        position = product.images.count()
        image = ProductImage(product=product, alt=alt.strip()[:200] or product.title, position=position)
        image.image.save(f"original.{FORMATS[kind]}", upload, save=False)
        image.thumbnail.save("thumb.webp", ContentFile(buffer.getvalue()), save=False)
        image.save()
    catalog_changed()
    return image


def image_delete(*, image: ProductImage) -> None:
    files = [image.image, image.thumbnail]
    image.delete()
    catalog_changed()
    for f in files:
        if f:
            transaction.on_commit(partial(f.storage.delete, f.name))
