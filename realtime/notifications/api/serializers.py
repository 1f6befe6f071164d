from rest_framework import serializers

from realtime.notifications.models import Audience, FeedItem, Notification, Promotion


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "seq", "kind", "title", "body", "link", "data", "created_at", "read"]

    def get_read(self, obj: Notification) -> bool:
        return obj.read_at is not None


class InboxStateSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
    last_seq = serializers.IntegerField()


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=500)
    all = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        if not attrs.get("all") and not attrs.get("ids"):
            raise serializers.ValidationError({"ids": ["Say which notifications, or all."]})
        return attrs


class PromotionInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    text = serializers.CharField(max_length=1000)
    link = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    discount_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    audience = serializers.ChoiceField(choices=Audience.choices)
    category_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    inactive_days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                             max_value=3650)
    is_public = serializers.BooleanField(required=False, default=False)


class PromotionSerializer(serializers.ModelSerializer):
    category = serializers.SerializerMethodField()
    reached = serializers.IntegerField(read_only=True, default=0)
    opened = serializers.IntegerField(read_only=True, default=0)
    visitors_reached = serializers.IntegerField(read_only=True, default=0,
                                                help_text="Of `reached`: visitors not signed in, once each.")
    visitors_opened = serializers.IntegerField(read_only=True, default=0, help_text="Of `opened`: visitors.")

    class Meta:
        model = Promotion
        fields = ["id", "title", "text", "link", "discount_code", "audience", "category", "inactive_days",
                  "is_public", "status", "recipients", "reached", "opened", "visitors_reached", "visitors_opened",
                  "created_at", "sent_at"]

    def get_category(self, obj: Promotion) -> dict | None:
        return {"id": obj.category.pk, "name": obj.category.name} if obj.category else None


class FeedItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedItem
        fields = ["id", "kind", "area", "title", "link", "data", "created_at"]
