#!/usr/bin/env bash
# Refresh the translation files from the source with Qt's lupdate: every
# translate("Context", "text") on the screens and every QT_TRANSLATE_NOOP the core marks
# (see kiosk/ui/i18n.py). Existing translations are kept; texts no longer in the code
# are dropped. A translator fills in assets/translations/kiosk_<lang>.ts with Qt
# Linguist; `.venv/bin/pyside6-lrelease assets/translations/kiosk_<lang>.ts` makes the
# .qm the apps load when the PC's language is <lang>.
#
#   bash scripts/update-translations.sh          # refresh kiosk_en.ts (and any others)
#   bash scripts/update-translations.sh ug       # also start kiosk_ug.ts (Uyghur)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
languages=(en "$@")
for file in assets/translations/kiosk_*.ts; do
    [ -e "$file" ] || continue
    name="$(basename "$file" .ts)"
    languages+=("${name#kiosk_}")
done
mapfile -t sources < <(bash scripts/translatable-sources.sh)
for language in $(printf '%s\n' "${languages[@]}" | sort -u); do
    .venv/bin/pyside6-lupdate -silent -no-obsolete -locations none \
        -source-language zh_CN -target-language "$language" \
        "${sources[@]}" -ts "assets/translations/kiosk_${language}.ts"
    # lupdate reads Python's "#:" documentation comments as notes for translators;
    # ours document constants, not texts, so they are dropped
    sed -i '/<extracomment>.*<\/extracomment>/d' "assets/translations/kiosk_${language}.ts"
    echo "assets/translations/kiosk_${language}.ts"
done
