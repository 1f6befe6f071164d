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
from storefront.models import Product, ProductImage, ProductVariant

FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}  # MPO: many phones
THUMB_SIZE = (480, 480)
MAX_PIXELS = 40_000_000


def _bad(message: str) -> AppError:
    return AppError("invalid_image", message, fields={"image": [message]})


def image_add(*, product: Product, upload, alt: str = "", variant: ProductVariant | None = None,
              source_url: str = "") -> ProductImage:
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
        last = product.images.order_by("-position").values_list("position", flat=True).first()
        image = ProductImage(product=product, alt=alt.strip()[:200] or product.title,
                             position=0 if last is None else last + 1, variant=variant, source_url=source_url)
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


_UNSET = object()


@transaction.atomic
def image_update(*, image: ProductImage, variant_id=_UNSET, alt: str | None = None) -> ProductImage:
    """Attaches the image to one of its product's variants (or to none, with None)."""
    image = ProductImage.objects.select_for_update().get(pk=image.pk)
    if variant_id is not _UNSET:
        if variant_id is not None and not ProductVariant.objects.filter(pk=variant_id,
                                                                        product_id=image.product_id).exists():
            raise AppError("validation_error", "Choose one of this product's variants.",
                           fields={"variant_id": ["Not a variant of this product."]})
        image.variant_id = variant_id
    if alt is not None:
        image.alt = alt.strip()[:200]
    image.save(update_fields=["variant", "alt"])
    catalog_changed()
    return image


@transaction.atomic
def images_reorder(*, product: Product, image_ids: list[int]) -> list[ProductImage]:
    """`image_ids` must name each of the product's images once: a stale list (an image added or
    deleted in another tab) is refused rather than half applied."""
    current = {image.pk: image for image in ProductImage.objects.select_for_update().filter(product=product)}
    if len(image_ids) != len(set(image_ids)) or set(image_ids) != set(current):
        raise AppError("validation_error", "List each of the product's images once.",
                       fields={"image_ids": [f"Expected the ids {sorted(current)} in the new order."]})
    for position, image_id in enumerate(image_ids):
        current[image_id].position = position
    ProductImage.objects.bulk_update(list(current.values()), ["position"])
    catalog_changed()
    return [current[i] for i in image_ids]
