"""The shop's title words for typo correction, kept by triggers on the product table.

The trigger function lives in the public schema, shared by every shop; it writes to the title
words of the schema whose product table fired it (TG_TABLE_SCHEMA), whatever the search path.
Inserts fire once a statement (a bulk import of 10,000 rows is one call), updates once a row,
and only when a product's title changes or it becomes active: the stock and sales counts that
checkout updates never reach the function. Shops cloned from the template get the triggers
with the tables."""

import django.contrib.postgres.indexes
from django.db import migrations, models


# Words of four letters or more, not numbers (a number is not a typo), in word order: two
# transactions adding the same new words take their locks in one order.
WORDS = ("SELECT DISTINCT w FROM {rows}, regexp_split_to_table(lower({title}), '[^[:alnum:]]+') w"
         " WHERE {active} AND length(w) > 3 AND w !~ '^[0-9]+$' ORDER BY w")
FUNCTION = f"""
CREATE OR REPLACE FUNCTION public.storefront_keep_title_words() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        EXECUTE format($sql$INSERT INTO %I.storefront_titleword (word) {WORDS.format(
            rows="added", title="added.title", active="added.status = 'active'")} ON CONFLICT DO NOTHING$sql$,
            TG_TABLE_SCHEMA);
    ELSE
        EXECUTE format($sql$INSERT INTO %I.storefront_titleword (word) {WORDS.format(
            rows="(SELECT 1) one", title="$1", active="true")} ON CONFLICT DO NOTHING$sql$,
            TG_TABLE_SCHEMA) USING NEW.title;
    END IF;
    RETURN NULL;
END
$body$;
"""
TRIGGERS = """
CREATE TRIGGER product_title_words_added AFTER INSERT ON storefront_product
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION public.storefront_keep_title_words();
CREATE TRIGGER product_title_words_changed AFTER UPDATE OF title, status ON storefront_product FOR EACH ROW
    WHEN (NEW.status = 'active' AND (OLD.title IS DISTINCT FROM NEW.title OR OLD.status IS DISTINCT FROM NEW.status))
    EXECUTE FUNCTION public.storefront_keep_title_words();
"""
BACKFILL = f"""INSERT INTO storefront_titleword (word) {WORDS.format(
    rows="storefront_product", title="title", active="status = 'active'")} ON CONFLICT DO NOTHING;"""
UNTRIGGER = """
DROP TRIGGER IF EXISTS product_title_words_added ON storefront_product;
DROP TRIGGER IF EXISTS product_title_words_changed ON storefront_product;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('storefront', '0011_product_upper_title'),
    ]

    operations = [
        migrations.CreateModel(
            name='TitleWord',
            fields=[
                ('word', models.CharField(max_length=200, primary_key=True, serialize=False)),
            ],
        ),
        migrations.RemoveIndex(
            model_name='product',
            name='product_title_trgm',
        ),
        migrations.AddIndex(
            model_name='titleword',
            index=django.contrib.postgres.indexes.GinIndex(fields=['word'], name='titleword_trgm', opclasses=['gin_trgm_ops']),
        ),
        migrations.RunSQL(FUNCTION + TRIGGERS + BACKFILL, reverse_sql=UNTRIGGER),
    ]
