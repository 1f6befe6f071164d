"""Product images: checked by content (not by name or declared type), resized into a thumbnail,
stored under the shop's own media prefix."""
from __future__ import annotations

import http.client
import io
import ipaddress
import socket
import ssl
import time
from functools import partial
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from saas.kernel.errors import AppError, ErrorCode
from storefront.catalog_cache import catalog_changed
from storefront.errors import StorefrontErrorCode
from storefront.models import Product, ProductImage, ProductVariant

FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}  # MPO: many phones
THUMB_SIZE = (480, 480)
MAX_PIXELS = 40_000_000


def _bad(message: str) -> AppError:
    return AppError(StorefrontErrorCode.INVALID_IMAGE, message, fields={"image": [message]})


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
            raise AppError(ErrorCode.VALIDATION_ERROR, "Choose one of this product's variants.",
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
        raise AppError(ErrorCode.VALIDATION_ERROR, "List each of the product's images once.",
                       fields={"image_ids": [f"Expected the ids {sorted(current)} in the new order."]})
    for position, image_id in enumerate(image_ids):
        current[image_id].position = position
    ProductImage.objects.bulk_update(list(current.values()), ["position"])
    catalog_changed()
    return [current[i] for i in image_ids]


MAX_REDIRECTS = 3


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to whatever the name resolves to next."""

    def __init__(self, host: str, ip: str, **kwargs):
        super().__init__(host, **kwargs)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, ip: str, **kwargs):
        super().__init__(host, context=ssl.create_default_context(), **kwargs)
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _fetch_error(message: str) -> AppError:
    return AppError(StorefrontErrorCode.IMAGE_FETCH_FAILED, message, status_code=400)


def _checked_address(host: str, port: int) -> str:
    """A merchant's URL must not reach the platform's own network (loopback, private ranges,
    cloud metadata) unless IMPORT_IMAGE_ALLOW_PRIVATE says so."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _fetch_error(f"{host} could not be found.") from exc
    addresses = [info[4][0] for info in infos]
    if not settings.IMPORT_IMAGE_ALLOW_PRIVATE and not all(ipaddress.ip_address(a).is_global for a in addresses):
        raise _fetch_error(f"{host} is not a public internet address.")
    return str(addresses[0])


def image_fetch(url: str) -> ContentFile:
    """Downloads an image for the CSV import: http(s) only, IMPORT_IMAGE_TIMEOUT seconds in all,
    at most MAX_IMAGE_BYTES, a few redirects. The content is checked by image_add."""
    deadline = time.monotonic() + settings.IMPORT_IMAGE_TIMEOUT
    cap = settings.MAX_IMAGE_BYTES
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _fetch_error("Only http:// and https:// addresses are fetched.")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        ip = _checked_address(parts.hostname, port)
        kind = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        conn = kind(parts.hostname, ip, port=port, timeout=max(deadline - time.monotonic(), 0.1))
        try:
            conn.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                         headers={"User-Agent": "Shopyard-import/1", "Accept": "image/*"})
            res = conn.getresponse()
            if res.status in (301, 302, 303, 307, 308) and res.getheader("Location"):
                url = urljoin(url, res.getheader("Location", ""))
                continue
            if res.status != 200:
                raise _fetch_error(f"the server answered {res.status}.")
            if int(res.getheader("Content-Length") or 0) > cap:
                raise _fetch_error(f"the image is larger than {cap // (1024 * 1024)} MB.")
            chunks, size = [], 0
            while chunk := res.read(64 * 1024):
                size += len(chunk)
                if size > cap:
                    raise _fetch_error(f"the image is larger than {cap // (1024 * 1024)} MB.")
                if time.monotonic() > deadline:
                    raise _fetch_error("the download took too long.")
                chunks.append(chunk)
            return ContentFile(b"".join(chunks), name="import")
        except (OSError, http.client.HTTPException) as exc:
            raise _fetch_error(f"the download failed ({exc.__class__.__name__}).") from exc
        finally:
            conn.close()
    raise _fetch_error("too many redirects.")
