"""Build src/storydiff/eval/gold/quotes.jsonl and quote_links.jsonl: short fictional news texts, each
with the quotes a reader sees in it (words, kind, speaker, completeness), and pairs of texts that
carry the same statement with a known relation.

Every pattern the quotes issue names has a template here, in English and Russian; people, words and
verbs rotate so that no two cases are alike. Run by hand when the lists change:
`python scripts/build_quote_gold.py`.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import iuliia

GOLD = Path(__file__).resolve().parent.parent / "src" / "storydiff" / "eval" / "gold"

EN_PEOPLE = [("Helga Brandt", "she"), ("Tomas Okafor", "he"), ("Lena Varga", "she"), ("Piet Jansen", "he"),
             ("Amira Haddad", "she"), ("Viktor Sand", "he"), ("Ines Moreau", "she"), ("Karl Henning", "he"),
             ("Sofia Lindgren", "she"), ("Daniel Petrescu", "he"), ("Maren Holt", "she"), ("Jonas Ekberg", "he")]
EN_ROLES = ["Interior Minister", "port authority director", "union leader", "Mayor", "Finance Minister",
            "government spokeswoman", "fire chief", "Defence Minister", "central bank governor", "party leader"]
EN_ORGS = ["the interior ministry", "the port authority", "the fire service", "the central bank", "the city council"]
EN_QUOTES = [
    "We will not accept these terms.", "The port will reopen on Monday.", "Nobody was hurt in the fire.",
    "This is the worst flood we have seen in forty years.", "We need more time to count the votes.",
    "The talks have failed and we are going home.", "Our offer remains on the table until Friday.",
    "There is no money left in the budget for new roads.", "We have asked the army to send boats.",
    "The bridge is safe and will stay open.", "We expect prices to fall by the end of the year.",
    "I did not sign any agreement with them.", "Twelve people are still missing.",
    "The strike will go on until our demands are met.", "We are ready to talk at any time.",
    "The vote was free and fair.", "We were never told about the cracks in the dam.",
    "The border will remain closed for another week.", "We will rebuild every house that was lost.",
    "This decision was taken without consulting us.",
]
EN_FRAGMENTS = ["a dangerous gamble", "the worst crisis in a decade", "a fair deal for both sides",
                "an attack on our freedom", "a step in the right direction", "completely unacceptable",
                "a victory for common sense", "a betrayal of the voters", "the first of many", "a historic day"]
EN_CLAUSES = ["the talks would resume next week", "the budget had been cut by 12%",
              "the army would help clear the roads", "two ships had been turned away",
              "the factory would close in March", "the vote would be repeated",
              "the water supply was safe", "no decision had been taken yet", "prices would rise again in spring",
              "the police had made six arrests"]
EN_TOPICS = ["the port strike", "the flood", "the budget", "the election", "the border", "the fire", "the bridge",
             "the gas deal"]

RU_PEOPLE = [("Анна Соколова", "f", "Анны Соколовой"), ("Игорь Белов", "m", "Игоря Белова"),
             ("Мария Орлик", "f", "Марии Орлик"), ("Олег Данилов", "m", "Олега Данилова"),
             ("Елена Строева", "f", "Елены Строевой"), ("Павел Гришин", "m", "Павла Гришина"),
             ("Ирина Ветрова", "f", "Ирины Ветровой"), ("Сергей Кравец", "m", "Сергея Кравца")]
RU_QUOTES = [
    "Мы не примем эти условия.", "Порт откроется в понедельник.", "Никто не пострадал при пожаре.",
    "Это худшее наводнение за сорок лет.", "Нам нужно больше времени, чтобы подсчитать голоса.",
    "Переговоры провалились.", "Наше предложение остается в силе до пятницы.",
    "Денег на новые дороги в бюджете нет.", "Мы попросили армию прислать лодки.", "Мост безопасен.",
    "Забастовка продолжится, пока наши требования не будут выполнены.", "Мы готовы к переговорам в любое время.",
    "Граница останется закрытой еще неделю.", "Мы восстановим каждый дом.", "Двенадцать человек до сих пор не найдены.",
]
RU_CLAUSES = ["переговоры возобновятся на следующей неделе", "бюджет сократили на 12%",
              "армия поможет расчистить дороги", "завод закроется в марте", "голосование проведут повторно",
              "вода в городе безопасна",
              "решение еще не принято", "полиция задержала шесть человек"]

# Pairs for links: the same statement in other words (EN), and in Russian (translated).
PARAPHRASES = [
    ("We will not accept these terms.", "These conditions are unacceptable to us."),
    ("The port will reopen on Monday.", "On Monday ships will be able to use the port again."),
    ("Nobody was hurt in the fire.", "The blaze caused no injuries."),
    ("We need more time to count the votes.", "Counting the ballots will take us longer."),
    ("The talks have failed and we are going home.", "Negotiations collapsed, so our delegation is leaving."),
    ("There is no money left in the budget for new roads.", "The budget has run out of funds for road building."),
    ("We have asked the army to send boats.", "Our request to the military was for boats."),
    ("The strike will go on until our demands are met.", "Workers will stay out until they get what they want."),
    ("The border will remain closed for another week.", "For seven more days the frontier stays shut."),
    ("We will rebuild every house that was lost.", "Each destroyed home is going to be built again."),
    ("We are ready to talk at any time.", "Our door is always open for negotiations."),
    ("The vote was free and fair.", "The election was clean and honest."),
    ("Twelve people are still missing.", "A dozen people have not yet been found."),
    ("The bridge is safe and will stay open.", "The bridge poses no danger and remains in use."),
    ("Our offer remains on the table until Friday.", "The proposal stands until the end of the week."),
]
TRANSLATIONS = list(zip(
    ["We will not accept these terms.", "The port will reopen on Monday.", "Nobody was hurt in the fire.",
     "This is the worst flood we have seen in forty years.", "We need more time to count the votes.",
     "Our offer remains on the table until Friday.", "There is no money left in the budget for new roads.",
     "We have asked the army to send boats.", "The strike will go on until our demands are met.",
     "We are ready to talk at any time.", "The border will remain closed for another week.",
     "We will rebuild every house that was lost.", "Twelve people are still missing.", "The talks have failed.",
     "The bridge is safe."],
    RU_QUOTES[:2] + RU_QUOTES[2:4] + RU_QUOTES[4:5] + RU_QUOTES[6:7] + RU_QUOTES[7:9] + RU_QUOTES[10:13]
    + RU_QUOTES[13:15] + [RU_QUOTES[5], RU_QUOTES[9]],
    strict=True,
))


def _intro(topic: str, person: str | None = None) -> str:
    who = f"{person} visited the area" if person else "Officials met in the town hall"
    return f"{who} on Monday as the dispute over {topic} entered its second week.\n\n"


def _ru_intro() -> str:
    return "Власти города провели в понедельник совещание по ситуации в регионе.\n\n"


def _q(text: str, kind: str, speaker: str | None, complete: bool = True) -> dict[str, object]:
    return {"text": text, "kind": kind, "speaker": speaker, "complete": complete}


def english_cases() -> list[dict[str, object]]:
    cases = []
    people = itertools.cycle(EN_PEOPLE)
    roles = itertools.cycle(EN_ROLES)
    topics = itertools.cycle(EN_TOPICS)
    orgs = itertools.cycle(EN_ORGS)
    for n, quote in enumerate(EN_QUOTES * 4):
        (name, pronoun), role, topic = next(people), next(roles), next(topics)
        bare = quote.rstrip(".")
        surname = name.split()[-1]
        pattern = n % 10
        if pattern == 0:
            text, quotes = f'"{bare}," {role} {name} said.', [_q(bare, "direct", name)]
        elif pattern == 1:
            text, quotes = f"“{bare},” said {name}, the {role.lower()}.", [_q(bare, "direct", name)]
        elif pattern == 2:
            text, quotes = f'{role} {name} told reporters: "{quote}"', [_q(quote, "direct", name)]
        elif pattern == 3:
            text, quotes = f"'{bare},' {name} said on Tuesday.", [_q(bare, "direct", name)]
        elif pattern == 4:
            second = EN_QUOTES[(n + 3) % len(EN_QUOTES)]
            text = f'"{bare}," {name} said. "{second}"'
            quotes = [_q(bare, "direct", name), _q(second, "direct", name)]
        elif pattern == 5:
            text = f'{name} spoke to workers at the gate. "{bare}," {pronoun} said.'
            quotes = [_q(bare, "direct", name)]
        elif pattern == 6:
            second = EN_QUOTES[(n + 5) % len(EN_QUOTES)]
            text = f'{role} {name} said: "{quote}\n\n"{second.rstrip(".")}," {surname} added.'
            quotes = [_q(quote + '\n\n"' + second.rstrip("."), "direct", name)]
        elif pattern == 7:
            org = next(orgs)
            text = f'"{bare}," {org} said in a statement.'
            quotes = [_q(bare, "direct", org)]
        elif pattern == 8:
            text = f"«{bare}», {name} said."
            quotes = [_q(bare, "direct", name)]
        else:
            text = f"„{bare}“, said {name}."
            quotes = [_q(bare, "direct", name)]
        cases.append({"case": f"en-direct-{n}", "language": "en", "text": _intro(topic) + text + "\n",
                      "quotes": quotes})
    for n, fragment in enumerate(EN_FRAGMENTS * 4):
        (name, _), topic = next(people), next(topics)
        pattern = n % 3
        if pattern == 0:
            text = f'{name} called the plan "{fragment}" and left the meeting early.'
        elif pattern == 1:
            text = f"{name} described the decision as “{fragment}”, according to people at the meeting."
        else:
            text = f'The agreement was, in the words of {name}, "{fragment}".'
        cases.append({"case": f"en-partial-{n}", "language": "en", "text": _intro(topic) + text + "\n",
                      "quotes": [_q(fragment, "partial", name)]})
    for n, clause in enumerate(EN_CLAUSES * 7):
        (name, _), role, topic = next(people), next(roles), next(topics)
        pattern = n % 5
        if pattern == 0:
            text = f"{role} {name} said that {clause}."
        elif pattern == 1:
            text = f"{clause[0].upper() + clause[1:]}, {role} {name} said on Wednesday."
        elif pattern == 2:
            text = f"{name} said {clause}."
        elif pattern == 3:
            text = f"{clause[0].upper() + clause[1:]}, according to {name}."
        else:
            text = f"{name} added that {clause}."
        content = clause[0].upper() + clause[1:] if pattern in (1, 3) else clause
        cases.append({"case": f"en-indirect-{n}", "language": "en", "text": _intro(topic) + text + "\n",
                      "quotes": [_q(content, "indirect", name)]})
    # Machine translation: a lost opening (the quote's start gone, the closing mark reversed) and a
    # guillemet that opens with ».
    for n, quote in enumerate(EN_QUOTES * 3):
        (name, _), topic = next(people), next(topics)
        surname = name.split()[-1]
        words = quote.rstrip(".").split()
        if n % 2 == 0:
            tail = " ".join(words[len(words) // 2 :])
            text = f"{name} spoke at a briefing on Thursday. {tail}, «{surname} said. The meeting lasted an hour."
            quotes = [_q(tail, "direct", name, complete=False)]
        else:
            fragment = EN_FRAGMENTS[n % len(EN_FRAGMENTS)]
            text = f"{name} asked the council for support» as {fragment}. » The council will meet again."
            quotes = [_q(f"as {fragment}.", "partial", name)]
        cases.append({"case": f"en-mt-{n}", "language": "en", "text": _intro(topic) + text + "\n", "quotes": quotes})
    return cases


def russian_cases() -> list[dict[str, object]]:
    cases = []
    people = itertools.cycle(RU_PEOPLE)
    for n, quote in enumerate(RU_QUOTES * 10):
        name, gender, genitive = next(people)
        said = "сказала" if gender == "f" else "сказал"
        stated = "заявила" if gender == "f" else "заявил"
        reported = "сообщила" if gender == "f" else "сообщил"
        bare = quote.rstrip(".")
        pattern = n % 6
        if pattern == 0:
            text, quotes = f"«{bare}», — {said} {name}.", [_q(bare, "direct", name)]
        elif pattern == 1:
            text, quotes = f"{name} {stated}: «{quote}»", [_q(quote, "direct", name)]
        elif pattern == 2:
            text, quotes = f"„{bare}“, — {stated} {name} журналистам.", [_q(bare, "direct", name)]
        elif pattern == 3:
            text, quotes = f'"{bare}", — {said} {name}.', [_q(bare, "direct", name)]
        elif pattern == 4:
            clause = RU_CLAUSES[n % len(RU_CLAUSES)]
            text = f"{name} {reported}, что {clause}."
            quotes = [_q(clause, "indirect", name)]
        else:
            clause = RU_CLAUSES[n % len(RU_CLAUSES)]
            text = f"{clause[0].upper() + clause[1:]}, {reported} {name}."
            quotes = [_q(clause[0].upper() + clause[1:], "indirect", name)]
        _ = genitive
        cases.append({"case": f"ru-{n}", "language": "ru", "text": _ru_intro() + text + "\n", "quotes": quotes})
    return cases


def link_pairs() -> list[dict[str, object]]:
    pairs = []
    people = itertools.cycle(EN_PEOPLE)
    for n, quote in enumerate(EN_QUOTES[:15]):
        (name, _), (other, _) = next(people), next(people)
        bare = quote.rstrip(".")
        words = bare.split()
        a = _intro("the strike") + f'"{bare}," {name} said.\n'
        variants = {
            "same": _intro("the port") + f'"{bare}," {name} told reporters.\n',
            "excerpt": _intro("the port") + f'{name} said on Friday: "{" ".join(words[: max(3, len(words) - 2)])}".\n',
            "truncated": _intro("the port") + f'{" ".join(words[len(words) // 2 :])}, «{name.split()[-1]} said.\n',
            "misattributed": _intro("the port") + f'"{bare}," {other} said.\n',
        }
        for relation, b in variants.items():
            pairs.append({"case": f"link-{relation}-{n}", "relation": relation, "a": a, "b": b})
    for n, (left, right) in enumerate(PARAPHRASES):
        name, _ = next(people)
        pairs.append({"case": f"link-paraphrase-{n}", "relation": "paraphrase",
                      "a": _intro("the strike") + f'"{left.rstrip(".")}," {name} said.\n',
                      "b": _intro("the port") + f'"{right.rstrip(".")}," {name} told reporters.\n'})
    altered = [("We will not accept these terms.", "We will accept these terms."),
               ("Twelve people are still missing.", "Twenty people are still missing."),
               ("We expect prices to fall by the end of the year.",
                "We expect prices to fall by the end of the decade."),
               ("The bridge is safe and will stay open.", "The bridge may be safe and could stay open."),
               ("I did not sign any agreement with them.", "I did sign an agreement with them."),
               ("We were never told about the cracks in the dam.", "We were told about the cracks in the dam."),
               ("The border will remain closed for another week.", "The border will remain closed for another month."),
               ("We need 40 more buses to evacuate the town.", "We need 14 more buses to evacuate the town."),
               ("The strike will go on until our demands are met.",
                "The strike will not go on until our demands are met."),
               ("Prices will certainly fall next year.", "Prices will possibly fall next year."),
               ("The army sent 300 soldiers to the valley.", "The army sent 3,000 soldiers to the valley."),
               ("We have no plans to raise taxes.", "We have plans to raise taxes."),
               ("The vote was free and fair.", "The vote was not free and fair."),
               ("Five ships were turned away on Monday.", "Nine ships were turned away on Monday."),
               ("The water supply is safe.", "The water supply is probably safe.")]
    for n, (left, right) in enumerate(altered):
        name, _ = next(people)
        pairs.append({"case": f"link-altered-{n}", "relation": "altered",
                      "a": _intro("the strike") + f'"{left.rstrip(".")}," {name} said.\n',
                      "b": _intro("the port") + f'"{right.rstrip(".")}," {name} told reporters.\n'})
    ru_people = itertools.cycle(RU_PEOPLE)
    for n, (english, russian) in enumerate(TRANSLATIONS):
        name, gender, _ = next(ru_people)
        said = "сказала" if gender == "f" else "сказал"
        latin = iuliia.WIKIPEDIA.translate(name)  # an English outlet writes the name in Latin letters
        pairs.append({"case": f"link-translated-{n}", "relation": "translated",
                      "a": _intro("the strike") + f'"{english.rstrip(".")}," {latin} said.\n',
                      "b": _ru_intro() + f"«{russian.rstrip('.')}», — {said} {name}.\n"})
    return pairs


def main() -> None:
    cases = english_cases() + russian_cases()
    with (GOLD / "quotes.jsonl").open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    pairs = link_pairs()
    with (GOLD / "quote_links.jsonl").open("w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair, ensure_ascii=False) + "\n")
    quotes = sum(len(c["quotes"]) for c in cases)  # type: ignore[arg-type]
    by_language = {lang: sum(len(c["quotes"]) for c in cases if c["language"] == lang) for lang in ("en", "ru")}  # type: ignore[arg-type]
    print(f"{len(cases)} texts, {quotes} quotes {by_language}; {len(pairs)} linked pairs")


if __name__ == "__main__":
    main()
