"""The staff API of the catalog: products with their variants and images, categories, and the
CSV import and export."""
from __future__ import annotations

from django.db.models import Count
from django.http import StreamingHttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from merchant_dashboard import services as ms
from merchant_dashboard.api import serializers as ds
from merchant_dashboard.api.views import object_or_404
from merchant_dashboard.exports import export_stream
from saas.accounts.roles import Area
from saas.kernel.api import StaffAPIView
from saas.kernel.errors import NotFound
from storefront import images, selectors, services
from storefront.api import serializers as s
from storefront.api.paging import EstimatedCountPagination
from storefront.api.views import paginated
from storefront.models import Category, ImportJob, Product, ProductImage


class ProductsView(StaffAPIView):
    dashboard_area = Area.CATALOG
    pagination_class = EstimatedCountPagination

    @extend_schema(responses={200: ds.StaffProductRowSerializer(many=True)})
    def get(self, request):
        qs = Product.objects.annotate(variant_count=Count("variants")).prefetch_related(
            selectors.first_image_prefetch()).order_by("-updated_at", "-id")
        if request.query_params.get("status"):
            qs = qs.filter(status=request.query_params["status"])
        if request.query_params.get("search", "").strip():
            qs = selectors.product_search(qs, request.query_params["search"].strip()[:100])
        return paginated(self, request, qs, ds.StaffProductRowSerializer, paginator=EstimatedCountPagination())

    @extend_schema(request=ds.ProductInSerializer, responses={201: ds.StaffProductSerializer})
    def post(self, request):
        data = ds.ProductInSerializer(data=request.data, context={"currency": request.shop.currency})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        category = Category.objects.filter(pk=v.get("category_id")).first() if v.get("category_id") else None
        product = services.product_create(title=v["title"], description=v.get("description", ""),
                                          status=v.get("status", "active"), category=category,
                                          variants=v.get("variants", []))
        return Response(ds.StaffProductSerializer(selectors.product_detail(slug=product.slug, staff=True),
                                                  context={"request": request}).data, status=status.HTTP_201_CREATED)


class ProductView(StaffAPIView):
    dashboard_area = Area.CATALOG

    def _detail(self, request, product_id: int) -> Response:
        product = object_or_404(Product, product_id, "No such product.")
        return Response(ds.StaffProductSerializer(selectors.product_detail(slug=product.slug, staff=True),
                                                  context={"request": request}).data)

    @extend_schema(responses={200: ds.StaffProductSerializer})
    def get(self, request, product_id: int):
        return self._detail(request, product_id)

    @extend_schema(request=ds.ProductInSerializer, responses={200: ds.StaffProductSerializer})
    def patch(self, request, product_id: int):
        product = object_or_404(Product, product_id, "No such product.")
        data = ds.ProductInSerializer(data=request.data, partial=True, context={"currency": request.shop.currency})
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        variants = fields.pop("variants", None)
        if "category_id" in fields:
            fields["category"] = Category.objects.filter(pk=fields.pop("category_id")).first()
        services.product_update(product=product, variants=variants, **fields)
        return self._detail(request, product_id)

    @extend_schema(responses={204: None})
    def delete(self, request, product_id: int):
        services.product_archive(product=object_or_404(Product, product_id, "No such product."))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProductImagesView(StaffAPIView):
    dashboard_area = Area.CATALOG
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {
        "image": {"type": "string", "format": "binary"}, "alt": {"type": "string"}}}},
        responses={201: s.GalleryImageSerializer})
    def post(self, request, product_id: int):
        product = object_or_404(Product, product_id, "No such product.")
        image = images.image_add(product=product, upload=request.FILES.get("image"),
                                 alt=request.data.get("alt", ""))
        return Response(s.GalleryImageSerializer(image).data, status=status.HTTP_201_CREATED)


class ProductImagesOrderView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(request=ds.ImageOrderSerializer, responses={200: s.GalleryImageSerializer(many=True)})
    def post(self, request, product_id: int):
        data = ds.ImageOrderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ordered = images.images_reorder(product=object_or_404(Product, product_id, "No such product."),
                                        image_ids=data.validated_data["image_ids"])
        return Response(s.GalleryImageSerializer(ordered, many=True).data)


class ProductImageView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(request=ds.ImageUpdateSerializer, responses={200: s.GalleryImageSerializer})
    def patch(self, request, product_id: int, image_id: int):
        image = ProductImage.objects.filter(pk=image_id, product_id=product_id).first()
        if image is None:
            raise NotFound("No such image.")
        data = ds.ImageUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        image = images.image_update(image=image, **data.validated_data)
        return Response(s.GalleryImageSerializer(image).data)

    @extend_schema(responses={204: None})
    def delete(self, request, product_id: int, image_id: int):
        image = ProductImage.objects.filter(pk=image_id, product_id=product_id).first()
        if image is None:
            raise NotFound("No such image.")
        images.image_delete(image=image)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CategoriesView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(responses={200: s.CategorySerializer(many=True)})
    def get(self, request):
        return Response(s.CategorySerializer(selectors.category_list(), many=True).data)

    @extend_schema(request=ds.CategoryInSerializer, responses={201: s.CategorySerializer})
    def post(self, request):
        data = ds.CategoryInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = Category.objects.filter(pk=data.validated_data.get("parent_id")).first()
        category = services.category_create(name=data.validated_data["name"], parent=parent)
        return Response(s.CategorySerializer(category).data, status=status.HTTP_201_CREATED)


class ImportView(StaffAPIView):
    dashboard_area = Area.CATALOG
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary"}}}}, responses={202: ds.ImportJobSerializer})
    def post(self, request):
        job = ms.import_job_create(upload=request.FILES.get("file"))
        return Response(ds.ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportJobView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(responses={200: ds.ImportJobSerializer})
    def get(self, request, job_id: int):
        return Response(ds.ImportJobSerializer(object_or_404(ImportJob, job_id, "No such import.")).data)


class ExportView(StaffAPIView):
    dashboard_area = Area.CATALOG

    @extend_schema(responses={(200, "text/csv"): {"type": "string"}})
    def get(self, request):
        response = StreamingHttpResponse(export_stream(request.shop.schema_name), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{request.shop.subdomain}-products.csv"'
        return response
