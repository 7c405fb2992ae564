# ruff: noqa: E501  (sentence templates read best unbroken)
"""A generated corpus with known stories, for story-grouping scores and speed curves at any size.

Fictional events only. Each story is one event (a flood in one town on one day, a deal between two
fictional companies) told by several fictional outlets in English, Russian and German, each with
its own choice and order of sentences, its own numbers' wording, and scraping debris. Stories of
the same kind happen in other towns on other days with other people: the hard negatives that a
same-topic matcher confuses (as ECB+'s two earthquakes per topic). Names exist in Latin and
Cyrillic spellings built from the same syllables, so the Russian reports spell them differently.

`python -m storydiff.bench.corpus --articles 10000 -o corpus.jsonl` writes one JSON object per line
(`id, story, language, source, title, published, text`), the format `storydiff batch` reads.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["GeneratedArticle", "generate"]

# Syllables with their Cyrillic spelling: a name is built once and written in both scripts.
_SYLLABLES = [("ka", "ка"), ("ra", "ра"), ("mo", "мо"), ("li", "ли"), ("ve", "ве"), ("to", "то"), ("sa", "са"),
              ("ne", "не"), ("da", "да"), ("ri", "ри"), ("bo", "бо"), ("lu", "лу"), ("mi", "ми"), ("ze", "зе"),
              ("go", "го"), ("ta", "та"), ("vi", "ви"), ("no", "но"), ("pe", "пе"), ("du", "ду"), ("sha", "ша"),
              ("kho", "хо"), ("zhe", "же"), ("ny", "ны")]
_SURNAME_ENDINGS = [("ov", "ов"), ("ev", "ев"), ("in", "ин"), ("ski", "ский"), ("enko", "енко"), ("ar", "ар")]
_PLACE_ENDINGS = [("grad", "град"), ("sk", "ск"), ("ovo", "ово"), ("iya", "ия"), ("el", "ель"), ("an", "ань")]
_COUNTRIES = [("Estravia", "Эстравия", "Estravien"), ("Talvora", "Талвора", "Talvora"),
              ("Oskeria", "Оскерия", "Oskerien"), ("Vellmark", "Веллмарк", "Vellmark"),
              ("Norrland", "Норрланд", "Norrland"), ("Karesia", "Каресия", "Karesien")]
_OUTLETS = {
    "en": ["Meridian Wire", "The Harbour Courier", "Dispatch 24", "Northern Ledger", "Coastline Post"],
    "ru": ["НоваПресс", "Вестник Севера", "Городская Лента", "Информбюро 7"],
    "de": ["Tagesblick", "Nordkurier Online", "Rundschau Aktuell"],
}
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
_RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря"]
_DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]
_DEBRIS = {
    "en": ["Sign up for our morning newsletter", "Read more: Weather warnings for the weekend", "Advertisement",
           "Share this article", "3 minute read"],
    "ru": ["Подписывайтесь на наш канал", "Читайте также: Прогноз погоды на выходные", "Реклама",
           "Поделиться"],
    "de": ["Jetzt Newsletter abonnieren", "Lesen Sie auch: Unwetterwarnung am Wochenende", "Anzeige", "Teilen"],
}

# Per kind and language: a headline and sentences. Slots: {place} {country} {day} {person} {role}
# {dead} {moved} {amount} {org} {org2}. Each outlet tells a random subset, in a random order.
_KINDS: dict[str, dict[str, list[str]]] = {
    "flood": {
        "en": ["Floods hit {place} in {country}, {dead} dead",
               "Flood water swept through {place} in {country} on {day}, killing {dead} people, officials said.",
               "About {moved} residents of {place} were moved to schools and sports halls.",
               "{role} {person} declared a state of emergency in the {place} district.",
               "\"We have never seen the river rise this fast,\" {person} told reporters in {place}.",
               "Rescue teams with boats searched flooded streets near the {place} railway station.",
               "The weather service warned that more rain would fall on {country}'s north this week."],
        "ru": ["Наводнение в {place}: погибли {dead} человек",
               "Наводнение в городе {place} ({country}) унесло жизни {dead} человек {day}, сообщили власти.",
               "Около {moved} жителей {place} переселены в школы и спортивные залы.",
               "{role} {person} объявил режим чрезвычайной ситуации в районе {place}.",
               "«Мы никогда не видели, чтобы река поднималась так быстро», — сказал {person} журналистам.",
               "Спасатели на лодках обследуют затопленные улицы у вокзала {place}."],
        "de": ["Hochwasser in {place}: {dead} Tote",
               "Hochwasser hat am {day} in {place} ({country}) {dead} Menschen getötet, teilten die Behörden mit.",
               "Rund {moved} Einwohner von {place} wurden in Schulen und Turnhallen gebracht.",
               "{role} {person} rief im Bezirk {place} den Notstand aus.",
               "Rettungsteams suchten mit Booten die überfluteten Straßen am Bahnhof von {place} ab."],
    },
    "quake": {
        "en": ["Earthquake of magnitude {magnitude} strikes {place}",
               "An earthquake of magnitude {magnitude} struck {place} in {country} on {day}, killing {dead} people.",
               "The quake damaged {moved} homes and cut power to the old town of {place}.",
               "{role} {person} said the army would send tents and field kitchens to {place}.",
               "\"The first hours are the most important,\" {person} said at a briefing.",
               "Aftershocks shook the region through the night, seismologists said."],
        "ru": ["Землетрясение магнитудой {magnitude} произошло в {place}",
               "Землетрясение магнитудой {magnitude} произошло {day} в городе {place} ({country}), погибли {dead} человек.",
               "Подземные толчки повредили {moved} домов и оставили без света старый город {place}.",
               "{role} {person} заявил, что армия направит в {place} палатки и полевые кухни.",
               "«Первые часы — самые важные», — сказал {person} на брифинге."],
        "de": ["Erdbeben der Stärke {magnitude} erschüttert {place}",
               "Ein Erdbeben der Stärke {magnitude} hat am {day} {place} in {country} erschüttert, {dead} Menschen starben.",
               "Das Beben beschädigte {moved} Häuser und legte den Strom in der Altstadt von {place} lahm.",
               "{role} {person} kündigte an, die Armee werde Zelte nach {place} schicken."],
    },
    "arrest": {
        "en": ["{role} {person} arrested in {place} bribery case",
               "Police in {place} arrested {role} {person} on {day} on suspicion of taking a bribe of {amount} dollars.",
               "Investigators searched {person}'s office and seized documents, prosecutors said.",
               "{person}'s lawyer said his client denied all the charges.",
               "\"Nobody is above the law,\" the {country} prosecutor general said in a statement.",
               "If convicted, {person} faces up to {dead} years in prison."],
        "ru": ["{role} {person} задержан в {place} по делу о взятке",
               "Полиция {place} задержала {day} {role_ru} {person} по подозрению в получении взятки в {amount} долларов.",
               "Следователи провели обыск в кабинете {person} и изъяли документы, сообщила прокуратура.",
               "Адвокат {person} заявил, что его подзащитный отрицает все обвинения.",
               "Если вина будет доказана, {person} грозит до {dead} лет лишения свободы."],
        "de": ["{role} {person} in {place} wegen Bestechung festgenommen",
               "Die Polizei in {place} hat am {day} {role} {person} wegen des Verdachts auf Bestechung über {amount} Dollar festgenommen.",
               "Ermittler durchsuchten das Büro von {person} und stellten Dokumente sicher.",
               "Der Anwalt von {person} sagte, sein Mandant weise alle Vorwürfe zurück."],
    },
    "deal": {
        "en": ["{org} agrees to buy {org2} for {amount} million",
               "{org} agreed on {day} to buy {org2}, a maker of rail equipment based in {place}, for {amount} million dollars.",
               "The deal still needs approval from {country}'s competition regulator.",
               "{org} chief executive {person} said the purchase would double its exports.",
               "\"This is a good day for {place},\" {person} told analysts on a call.",
               "{org2} employs about {moved} people at two plants near {place}."],
        "ru": ["{org} покупает {org2} за {amount} млн долларов",
               "Компания {org} {day} договорилась о покупке {org2}, производителя железнодорожного оборудования из {place}, за {amount} млн долларов.",
               "Сделку еще должен одобрить антимонопольный регулятор страны {country}.",
               "Глава {org} {person} заявил, что покупка удвоит экспорт компании.",
               "На двух заводах {org2} под {place} работают около {moved} человек."],
        "de": ["{org} übernimmt {org2} für {amount} Millionen",
               "{org} hat sich am {day} auf die Übernahme von {org2} aus {place} für {amount} Millionen Dollar geeinigt.",
               "Die Wettbewerbsbehörde von {country} muss dem Geschäft noch zustimmen.",
               "{org}-Chef {person} sagte, der Kauf werde die Exporte verdoppeln."],
    },
}
_ROLES = {"en": ["Mayor", "Governor", "Deputy minister"], "ru": ["Мэр", "Губернатор", "Замминистра"],
          "de": ["Bürgermeister", "Gouverneur", "Vizeminister"]}
_ROLES_RU_ACCUSATIVE = ["мэра", "губернатора", "замминистра"]


@dataclass(frozen=True)
class GeneratedArticle:
    id: str
    story: str  # the event it reports: articles with one story id tell one story
    language: str
    source: str
    title: str
    published: str
    text: str


@dataclass(frozen=True)
class _Event:
    story: str
    kind: str
    day: date
    names: dict[str, dict[str, str]]  # slot -> language -> spelling
    numbers: dict[str, int | str]
    role: int


def _word(rng: random.Random, syllables: int, endings: list[tuple[str, str]]) -> tuple[str, str]:
    parts = [rng.choice(_SYLLABLES) for _ in range(syllables)] + [rng.choice(endings)]
    latin, cyrillic = "".join(p[0] for p in parts), "".join(p[1] for p in parts)
    return latin.capitalize(), cyrillic.capitalize()


def _event(rng: random.Random, number: int, start: date, days: int = 365) -> _Event:
    kind = rng.choice(sorted(_KINDS))
    first, first_ru = _word(rng, 2, [("", "")])
    last, last_ru = _word(rng, 2, _SURNAME_ENDINGS)
    place, place_ru = _word(rng, 2, _PLACE_ENDINGS)
    org, org_ru = _word(rng, 2, [("tex", "текс"), ("rail", "рейл"), ("mash", "маш")])
    org2, org2_ru = _word(rng, 2, [("prom", "пром"), ("tech", "тех"), ("vagon", "вагон")])
    country = rng.choice(_COUNTRIES)
    names = {
        "person": {"en": f"{first} {last}", "de": f"{first} {last}", "ru": f"{first_ru} {last_ru}"},
        "place": {"en": place, "de": place, "ru": place_ru},
        "country": {"en": country[0], "ru": country[1], "de": country[2]},
        "org": {"en": org, "de": org, "ru": org_ru},
        "org2": {"en": org2, "de": org2, "ru": org2_ru},
    }
    numbers: dict[str, int | str] = {"dead": rng.randint(3, 90), "moved": rng.randint(2, 40) * 100,
                                     "amount": rng.randint(12, 900), "magnitude": f"{rng.randint(50, 79) / 10:.1f}"}
    day = start + timedelta(days=rng.randint(0, days))
    return _Event(f"story-{number:05d}", kind, day, names, numbers, rng.randrange(3))


def _day(day: date, language: str) -> str:
    if language == "ru":
        return f"{day.day} {_RU_MONTHS[day.month - 1]}"
    if language == "de":
        return f"{day.day}. {_DE_MONTHS[day.month - 1]}"
    return f"{_EN_MONTHS[day.month - 1]} {day.day}"


def _fill(template: str, event: _Event, language: str) -> str:
    values: dict[str, object] = {slot: spelled[language] for slot, spelled in event.names.items()}
    values.update(event.numbers)
    values["day"] = _day(event.day, language)
    values["role"] = _ROLES[language][event.role]
    values["role_ru"] = _ROLES_RU_ACCUSATIVE[event.role]
    return template.format(**values)


def _article(rng: random.Random, event: _Event, language: str, source: str, serial: int) -> GeneratedArticle:
    templates = _KINDS[event.kind][language]
    headline, body = templates[0], templates[1:]
    lead, rest = body[0], body[1:]
    chosen = [lead] + rng.sample(rest, k=rng.randint(max(1, len(rest) - 2), len(rest)))
    paragraphs = [_fill(t, event, language) for t in chosen]
    for _ in range(rng.randint(1, 2)):  # debris in the middle of the text, as scraped
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(_DEBRIS[language]))
    published = event.day + timedelta(days=rng.choice((0, 0, 0, 1)))
    title = _fill(headline, event, language)
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return GeneratedArticle(f"a{serial:06d}", event.story, language, source, title, published.isoformat(), text)


def generate(
    articles: int, *, seed: int = 7, per_story: tuple[int, int] = (2, 8), days: int = 365
) -> Iterator[GeneratedArticle]:
    """About `articles` articles (stops at exactly that many), in stories of `per_story` articles, the
    events spread over `days` days (a desk's corpus grows by days: give days in proportion to articles
    to keep the articles per day fixed)."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    serial = 0
    story = 0
    while serial < articles:
        event = _event(rng, story, start, days)
        story += 1
        for _ in range(rng.randint(*per_story)):
            if serial >= articles:
                return
            language = rng.choices(("en", "ru", "de"), weights=(5, 3, 2))[0]
            yield _article(rng, event, language, rng.choice(_OUTLETS[language]), serial)
            serial += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-day", type=int, default=0,
                        help="articles per day (the events spread over articles/per-day days); default: one year")
    parser.add_argument("-o", "--output", type=Path, required=True, help="a .jsonl file")
    args = parser.parse_args()
    with args.output.open("w", encoding="utf-8") as out:
        days = max(1, round(args.articles / args.per_day)) if args.per_day > 0 else 365
        for article in generate(args.articles, seed=args.seed, days=days):
            out.write(json.dumps(asdict(article), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
