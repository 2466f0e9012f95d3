"""Load the activity categories of Frivillighetsregisteret."""

from django.db import migrations


def load(apps, schema_editor):
    from dugnad.directory.icnpo import load_categories

    load_categories(apps.get_model("directory", "IcnpoCategory"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
