from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from rest_framework import serializers

from recs.models import EventKind, Widget
from recs.services import VISITOR_ID


class StrictIntegerField(serializers.IntegerField):
    """A JSON number only: "12", 12.5 or true are type errors, not ids."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class EventInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[EventKind.VIEW, EventKind.CART, EventKind.CLICK])
    product_id = StrictIntegerField(min_value=1, max_value=2**62, required=False)
    slug = StrictCharField(max_length=220, required=False)
    widget = serializers.ChoiceField(choices=Widget.choices, required=False, allow_blank=True, default="")
    request_id = serializers.UUIDField(required=False, allow_null=True, default=None)
    position = StrictIntegerField(min_value=0, max_value=100, required=False, allow_null=True, default=None)
    quantity = StrictIntegerField(min_value=1, max_value=999, required=False, default=1)

    def validate(self, attrs):
        if ("product_id" in attrs) == ("slug" in attrs):
            raise serializers.ValidationError({"product_id": ["Name the product by product_id or by slug."]})
        if attrs["kind"] == EventKind.CLICK and (not attrs.get("widget") or attrs.get("request_id") is None):
            raise serializers.ValidationError(
                {"request_id": ["A click names the widget and the request that showed it."]})
        return attrs


class BeaconInSerializer(serializers.Serializer):
    visitor_id = serializers.RegexField(VISITOR_ID)
    # empty only to say "this browser is now signed in as me" (refused when anonymous)
    events = serializers.ListField(child=EventInSerializer(), min_length=0,
                                   max_length=settings.RECS_BEACON_MAX_EVENTS)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Send a JSON object."]})
        if not isinstance(data.get("visitor_id"), str):
            raise serializers.ValidationError({"visitor_id": ["A string id is required."]})
        return super().to_internal_value(data)


class BeaconOutSerializer(serializers.Serializer):
    stored = serializers.IntegerField()


class ReasonSerializer(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField()
    product = serializers.DictField(allow_null=True)


class RecCardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    price = serializers.CharField()
    compare_at_price = serializers.CharField(allow_null=True)
    currency = serializers.CharField()
    in_stock = serializers.BooleanField()
    image = serializers.DictField(allow_null=True)
    category = serializers.DictField(allow_null=True)
    position = serializers.IntegerField()
    reason = ReasonSerializer()


class RecsOutSerializer(serializers.Serializer):
    widget = serializers.ChoiceField(choices=Widget.choices)
    request_id = serializers.UUIDField()
    arm = serializers.CharField()
    strategy = serializers.CharField(allow_null=True)
    fallback = serializers.CharField(allow_null=True)
    model_version = serializers.IntegerField(allow_null=True)
    items = RecCardSerializer(many=True)


class SettingsInSerializer(serializers.Serializer):
    holdout_share = serializers.DecimalField(max_digits=4, decimal_places=3, min_value=Decimal("0"),
                                             max_value=Decimal("0.5"))


class TrainingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    trigger = serializers.CharField()
    stage = serializers.CharField()
    progress = serializers.IntegerField()
    is_current = serializers.BooleanField()
    promoted = serializers.BooleanField()
    not_promoted_reason = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    events_count = serializers.IntegerField()
    users_count = serializers.IntegerField()
    products_count = serializers.IntegerField()
    fit_seconds = serializers.FloatField(allow_null=True)
    nbytes = serializers.IntegerField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class PanelOutSerializer(serializers.Serializer):
    model = TrainingSerializer(allow_null=True)
    latest = TrainingSerializer(allow_null=True)
    strategies = serializers.ListField(child=serializers.DictField())
    offline_scores = serializers.ListField(child=serializers.DictField())
    widgets = serializers.ListField(child=serializers.DictField())
    arms = serializers.ListField(child=serializers.DictField())
    attribution_rule = serializers.CharField()
    days = serializers.IntegerField()
    settings = serializers.DictField()
    cache = serializers.DictField()
