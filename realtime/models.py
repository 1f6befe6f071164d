from realtime.support_models import Conversation, ConversationStatus, Message, Side

__all__ = ["Conversation", "ConversationStatus", "Message", "Side"]
