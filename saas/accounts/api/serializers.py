from rest_framework import serializers

from saas.accounts import services
from saas.accounts.errors import AccountErrorCode
from saas.accounts.models import User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role", "email_verified", "date_joined"]
        read_only_fields = fields


class MeSerializer(UserSerializer):
    permissions = serializers.SerializerMethodField(
        help_text="Dashboard areas this account may use: area -> read | write (empty for customers).")

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "permissions"]
        read_only_fields = fields

    def get_permissions(self, user) -> dict[str, str]:
        from saas.accounts.roles import role_permissions

        return role_permissions(user.role)


class SignupSerializer(serializers.Serializer):
    """Checks the taken e-mail and the password's strength as field validators, so they are
    reported together with any malformed or missing field in one 400, not one per submit."""

    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
    full_name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")

    def validate_email(self, value: str) -> str:
        if services.email_taken(email=value):
            raise serializers.ValidationError(services.EMAIL_TAKEN_MESSAGE, code=AccountErrorCode.EMAIL_TAKEN)
        return value

    def validate_password(self, value: str) -> str:
        raw = self.initial_data if isinstance(self.initial_data, dict) else {}
        email, full_name = raw.get("email"), raw.get("full_name")
        problems = services.password_problems(password=value, email=email if isinstance(email, str) else "",
                                              full_name=full_name if isinstance(full_name, str) else "")
        if problems:
            raise serializers.ValidationError(problems, code=AccountErrorCode.WEAK_PASSWORD)
        return value


class LoginSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField(max_length=4096)


class HandoffSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=128)


class SessionSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = MeSerializer()


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)

    def validate_password(self, value: str) -> str:
        # the account's own words (similarity) are checked once the link names the account
        if problems := services.password_problems(password=value):
            raise serializers.ValidationError(problems, code=AccountErrorCode.WEAK_PASSWORD)
        return value


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=512)


class InvitationAcceptSerializer(TokenSerializer):
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
    full_name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class InvitationPreviewSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.CharField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
