"""Build src/storydiff/eval/gold/names.tsv: name pairs that must merge and look-alikes that must not.

Run once by hand when the lists below change (`python scripts/build_name_gold.py`); the TSV is the
gold set the tests read. Russian positives pair *different* romanisation systems (ICAO passports,
BGN/PCGN, scientific, Moscow metro...) with each other and with the Cyrillic original, so the matcher
(which only knows the Wikipedia scheme) is tested on spellings it never produces itself.
"""

from __future__ import annotations

import csv
from pathlib import Path

import iuliia

from storydiff.names.matcher import similarity

OUT = Path(__file__).resolve().parent.parent / "src" / "storydiff" / "eval" / "gold" / "names.tsv"

RUSSIAN = """Сергей Лавров; Сергей Шойгу; Дмитрий Медведев; Михаил Мишустин; Валентина Матвиенко; Вячеслав Володин;
Дмитрий Песков; Мария Захарова; Алексей Навальный; Юлия Навальная; Михаил Горбачёв; Борис Ельцин; Евгений Пригожин;
Рамзан Кадыров; Сергей Собянин; Эльвира Набиуллина; Антон Силуанов; Андрей Белоусов; Николай Патрушев;
Александр Бортников; Сергей Нарышкин; Виктор Черномырдин; Евгений Примаков; Андрей Громыко; Эдуард Шеварднадзе;
Александр Лукашенко; Светлана Тихановская; Ильхам Алиев; Никол Пашинян; Шавкат Мирзиёев; Эмомали Рахмон;
Садыр Жапаров; Сердар Бердымухамедов; Майя Санду; Игорь Додон; Алексей Оверчук; Михаил Мурашко; Юрий Ушаков;
Дмитрий Рогозин; Алексей Кудрин; Герман Греф; Олег Дерипаска; Роман Абрамович; Михаил Ходорковский;
Анна Политковская; Лев Толстой; Фёдор Достоевский; Антон Чехов; Юрий Гагарин; Валентина Терешкова;
Гарри Каспаров; Мария Шарапова; Александр Овечкин; Даниил Медведев; Андрей Рублёв; Светлана Алексиевич;
Евгения Медведева; Алина Загитова; Сергей Брин; Пётр Чайковский"""

SCHEME_PAIRS = (("WIKIPEDIA", "ICAO_DOC_9303"), ("BGN_PCGN", "SCIENTIFIC"), ("MOSMETRO", "GOST_7034"))

# (language, a, b): the same referent, written by different systems or press habits.
SAME = """
uk|Володимир Зеленський|Volodymyr Zelenskyy
uk|Volodymyr Zelensky|Volodymyr Zelenskiy
uk|Денис Шмигаль|Denys Shmyhal
uk|Denys Shmyhal|Denis Shmygal
uk|Дмитро Кулеба|Dmytro Kuleba
uk|Dmytro Kuleba|Dmitry Kuleba
uk|Петро Порошенко|Petro Poroshenko
uk|Юлія Тимошенко|Yulia Tymoshenko
uk|Yulia Tymoshenko|Yuliya Timoshenko
uk|Віталій Кличко|Vitalii Klychko
uk|Vitaliy Klychko|Vitali Klichko
uk|Олексій Резніков|Oleksii Reznikov
uk|Oleksiy Reznikov|Aleksei Reznikov
uk|Валерій Залужний|Valerii Zaluzhnyi
uk|Valeriy Zaluzhny|Valery Zaluzhny
uk|Кирило Буданов|Kyrylo Budanov
uk|Kyrylo Budanov|Kirill Budanov
uk|Андрій Єрмак|Andriy Yermak
uk|Andrii Yermak|Andriy Yermak
uk|Рустем Умєров|Rustem Umerov
uk|Андрій Сибіга|Andrii Sybiha
uk|Andrii Sybiha|Andriy Sybiga
uk|Михайло Подоляк|Mykhailo Podoliak
uk|Mykhailo Podolyak|Mikhail Podolyak
uk|Віктор Ющенко|Viktor Yushchenko
uk|Леонід Кравчук|Leonid Kravchuk
uk|Віктор Янукович|Viktor Yanukovych
uk|Viktor Yanukovych|Viktor Yanukovich
uk|Арсеній Яценюк|Arseniy Yatsenyuk
uk|Arsenii Yatseniuk|Arseniy Yatsenyuk
uk|Володимир Гройсман|Volodymyr Hroisman
uk|Volodymyr Groysman|Volodymyr Hroisman
uk|Руслана Лижичко|Ruslana Lyzhychko
uk|Харків|Kharkiv
uk|Kharkiv|Kharkov
uk|Одеса|Odesa
uk|Odesa|Odessa
uk|Запоріжжя|Zaporizhzhia
uk|Zaporizhzhia|Zaporizhzhya
uk|Миколаїв|Mykolaiv
uk|Chernihiv|Chernigov
uk|Дніпро|Dnipro
uk|Київ|Kyiv
uk|Kyiv|Kiev
uk|Lviv|Lvov
kk|Қасым-Жомарт Тоқаев|Kassym-Jomart Tokayev
kk|Qasym-Jomart Toqaev|Kassym-Jomart Tokayev
kk|Касым-Жомарт Токаев|Kassym-Zhomart Tokayev
kk|Kassym-Jomart Tokayev|Kassym-Zhomart Tokayev
kk|Нұрсұлтан Назарбаев|Nursultan Nazarbayev
kk|Nursultan Nazarbayev|Nursultan Nazarbaev
kk|Мұхтар Тілеуберді|Mukhtar Tileuberdi
kk|Mukhtar Tileuberdi|Mukhtar Tleuberdi
kk|Мухтар Тлеуберди|Mukhtar Tileuberdi
kk|Асқар Мамин|Askar Mamin
kk|Әлихан Смайылов|Alikhan Smailov
kk|Alikhan Smaiylov|Alikhan Smailov
kk|Жанаозен|Zhanaozen
kk|Zhanaozen|Janaozen
kk|Ақтау|Aktau
kk|Aqtau|Aktau
kk|Алматы|Almaty
kk|Almaty|Alma-Ata
kk|Шымкент|Shymkent
kk|Shymkent|Chimkent
kk|Қарағанды|Karaganda
kk|Qaraghandy|Karaganda
kk|Дарига Назарбаева|Dariga Nazarbayeva
kk|Карим Масимов|Karim Massimov
kk|Karim Masimov|Karim Massimov
kk|Ерлан Карин|Yerlan Karin
kk|Yerlan Karin|Erlan Karin
kk|Маулен Ашимбаев|Maulen Ashimbayev
kk|Ermek Kosherbayev|Yermek Kosherbaev
ar|محمد بن سلمان|Mohammed bin Salman
ar|Mohammed bin Salman|Muhammad bin Salman
ar|Muhammad|Mohammed
ar|Mohamed|Muhammad
ar|Muammar Gaddafi|Moammar Qadhafi
ar|Muammar Qaddafi|Muammar Gadhafi
ar|Muammar al-Gaddafi|Muammar Kadhafi
ar|Abdullah|Abdallah
ar|Saddam Hussein|Saddam Husayn
ar|Saddam Hussein|Saddam Hussain
ar|Bashar al-Assad|Bashar al-Asad
ar|Bashar Assad|Bashar al-Assad
ar|Abdel Fattah el-Sisi|Abdel Fattah al-Sisi
ar|Abdel Fattah el-Sisi|Abdel-Fattah al-Sissi
ar|Mahmoud Abbas|Mahmud Abbas
ar|Yasser Arafat|Yasir Arafat
ar|Osama bin Laden|Usama bin Ladin
ar|Ayman al-Zawahiri|Ayman az-Zawahiri
ar|Hassan Nasrallah|Hasan Nasrallah
ar|Hosni Mubarak|Husni Mubarak
ar|Khalid Mashal|Khaled Meshaal
ar|Abu Bakr al-Baghdadi|Abu Bakr al-Bagdadi
ar|Nouri al-Maliki|Nuri al-Maliki
ar|Mohammed Morsi|Muhammad Mursi
ar|Rached Ghannouchi|Rashid al-Ghannushi
ar|Qaboos bin Said|Qabus bin Said
ar|Tamim bin Hamad Al Thani|Tamim bin Hamad Al-Thani
ar|Mohammed bin Zayed|Muhammad bin Zayid
ar|Ismail Haniyeh|Ismail Haniya
ar|Yahya Sinwar|Yehia Sinwar
ar|حسن نصر الله|Hassan Nasrallah
ar|محمود عباس|Mahmoud Abbas
ar|Benghazi|Banghazi
ar|Misrata|Misurata
ar|Tripoli|Tarabulus
ar|Houthi|Huthi
ar|Hezbollah|Hizbollah
ar|Hezbollah|Hizballah
ar|Hamas|HAMAS
zh|Xi Jinping|Xi Jin-ping
zh|Xi Jinping|Xi Jin Ping
zh|习近平|Xi Jinping
zh|Li Qiang|Li Chiang
zh|Wang Yi|Wang Yi
zh|Mao Zedong|Mao Tse-tung
zh|Deng Xiaoping|Teng Hsiao-ping
zh|Hu Jintao|Hu Chin-tao
zh|Wen Jiabao|Wen Chia-pao
zh|Zhou Enlai|Chou En-lai
zh|Chiang Kai-shek|Jiang Jieshi
zh|Sun Yat-sen|Sun Yatsen
zh|Tsai Ing-wen|Tsai Ingwen
zh|Lai Ching-te|Lai Chingte
zh|Guangzhou|Kwangchow
zh|Qingdao|Tsingtao
zh|Chongqing|Chungking
zh|Xinjiang|Sinkiang
zh|Tianjin|Tientsin
ko|Kim Jong-un|Kim Jong Un
ko|Kim Jong-un|Kim Jongun
ko|김정은|Kim Jong-un
ko|Moon Jae-in|Mun Jae-in
ko|Park Geun-hye|Pak Geun-hye
ko|Yoon Suk-yeol|Yoon Suk Yeol
ko|Yoon Suk-yeol|Yun Seok-yeol
ko|Lee Jae-myung|Lee Jae Myung
ko|Kim Yo-jong|Kim Yo Jong
ko|Kim Il-sung|Kim Il Sung
ko|Choe Son-hui|Choe Son Hui
ko|Pyongyang|P'yongyang
ko|Busan|Pusan
ko|Incheon|Inchon
ko|Gyeonggi|Kyonggi
fa|Ali Khamenei|Ali Khamene'i
fa|Ali Khamenei|Ali Khamenei
fa|Mahmoud Ahmadinejad|Mahmud Ahmadinezhad
fa|Hassan Rouhani|Hasan Rowhani
fa|Hassan Rouhani|Hassan Rohani
fa|Mohammad Javad Zarif|Mohammad Javad Zareef
fa|Ebrahim Raisi|Ebrahim Raeisi
fa|Ebrahim Raisi|Ibrahim Raisi
fa|Masoud Pezeshkian|Masud Pezeshkian
fa|Abbas Araghchi|Abbas Araqchi
fa|Qasem Soleimani|Qassem Suleimani
fa|Qasem Soleimani|Ghasem Soleimani
fa|Mohammad Khatami|Muhammad Khatami
fa|Akbar Hashemi Rafsanjani|Akbar Hashemi Rafsanjani
fa|Isfahan|Esfahan
fa|Mashhad|Meshed
tr|Recep Tayyip Erdoğan|Recep Tayyip Erdogan
tr|Ahmet Davutoğlu|Ahmet Davutoglu
tr|Mevlüt Çavuşoğlu|Mevlut Cavusoglu
tr|Hakan Fidan|Hakan Fidan
tr|Kemal Kılıçdaroğlu|Kemal Kilicdaroglu
tr|Binali Yıldırım|Binali Yildirim
tr|İstanbul|Istanbul
tr|Şanlıurfa|Sanliurfa
tr|Gaziantep|Gaziantep
tr|Mehmet Aydın|Mehmet Aydin
en|Collective Security Treaty Organisation|Collective Security Treaty Organization
en|CSTO|Collective Security Treaty Organization
en|CSTO|ОДКБ
en|ОДКБ|Организация Договора о коллективной безопасности
en|NATO|North Atlantic Treaty Organization
en|Ministry of Defence|Ministry of Defense
en|Defence Ministry|Defense Ministry
en|State Department|U.S. State Department
en|the White House|White House
en|White House|Белый дом
en|UN|United Nations
en|United Nations|ООН
en|European Union|EU
en|IMF|International Monetary Fund
en|WHO|World Health Organization
en|World Health Organisation|World Health Organization
en|OSCE|Organization for Security and Co-operation in Europe
en|Organisation for Security and Co-operation in Europe|Organization for Security and Co-operation in Europe
en|Kremlin|Кремль
en|Antony Blinken|Anthony Blinken
en|Jen Psaki|Psaki
en|Antony Blinken|Blinken
en|Jen Psaki|Джен Псаки
en|Antony Blinken|Энтони Блинкен
en|Labour Party|Labor Party
en|Centre for Strategic Studies|Center for Strategic Studies
en|United States|USA
en|United States|США
en|Russia|Россия
en|Kazakhstan|Казахстан
"""

# Look-alikes that are different referents.
DIFFERENT = """
en|Psaki|Psaledakis
en|Jen Psaki|Daphne Psaledakis
en|CSTO|CSTO Collective Security Council
en|Collective Security Treaty Organization|CSTO Collective Security Council
en|Security Council|CSTO Collective Security Council
en|Security Council|UN Security Council
en|UN Security Council|CSTO Collective Security Council
en|Kazakhstan Security Council|CSTO Collective Security Council
en|State Department|Defense Department
en|Foreign Ministry|Defence Ministry
en|White House|Kremlin
en|George W. Bush|George H. W. Bush
en|George W. Bush|Jeb Bush
en|Bill Clinton|Hillary Clinton
en|Donald Trump|Donald Trump Jr.
en|Donald Trump|Eric Trump
en|Joe Biden|Hunter Biden
en|John Kerry|John Kirby
en|Jake Sullivan|Dan Sullivan
en|Antony Blinken|Donald Blinken
en|Simon Lewis|Simon Lewin
en|Jeff Mason|Jeff Madison
en|Richard Chang|Richard Cheng
en|Novgorod|Nizhny Novgorod
en|Georgia|South Georgia
en|Sudan|South Sudan
en|Korea|North Korea
en|Ossetia|North Ossetia
en|Kazakhstan|Kyrgyzstan
en|Austria|Australia
en|Iran|Iraq
en|Niger|Nigeria
en|Guinea|Equatorial Guinea
en|Slovakia|Slovenia
en|Dominica|Dominican Republic
en|NATO|NAFTA
en|OSCE|OECD
en|IMF|IMO
en|European Union|Eurasian Economic Union
en|European Commission|European Council
en|Council of Europe|European Council
en|Foreign Intelligence Service|Federal Security Service
en|Democratic Party|Democratic Unionist Party
uk|Kharkiv|Kherson
uk|Dnipro|Dnister
uk|Lutsk|Luhansk
uk|Donetsk|Donetsk Oblast
uk|Zaporizhzhia|Zaporizhzhia Nuclear Power Plant
uk|Vitali Klitschko|Wladimir Klitschko
uk|Vitalii Klychko|Volodymyr Klychko
uk|Petro Poroshenko|Oleksiy Poroshenko
uk|Yulia Tymoshenko|Yevhenia Tymoshenko
uk|Viktor Yushchenko|Viktor Yanukovych
uk|Dmytro Kuleba|Dmytro Kubrakov
uk|Denys Shmyhal|Denys Monastyrsky
uk|Andriy Yermak|Andriy Yusov
uk|Oleksii Reznikov|Oleksii Danilov
kk|Aktau|Aktobe
kk|Astana|Astrakhan
kk|Almaty|Almaty Region
kk|Atyrau|Aktau
kk|Taraz|Turkestan
kk|Nursultan Nazarbayev|Dariga Nazarbayeva
kk|Nursultan Nazarbayev|Nurali Aliyev
kk|Kassym-Jomart Tokayev|Kassym Tokayev
kk|Mukhtar Tileuberdi|Mukhtar Ablyazov
kk|Mukhtar Tleuberdi|Mukhtar Kul-Mukhammed
kk|Askar Mamin|Askar Myrzakhmetov
kk|Karim Massimov|Karim Khakimov
kk|Alikhan Smailov|Alikhan Baimenov
kk|Yerlan Karin|Yerlan Idrissov
ar|Mohammed bin Salman|Mohammed bin Zayed
ar|Mohammed bin Salman|Salman bin Abdulaziz
ar|Mohammed bin Rashid|Mohammed bin Zayed
ar|Bashar al-Assad|Hafez al-Assad
ar|Bashar al-Assad|Asma al-Assad
ar|Bashar al-Assad|Maher al-Assad
ar|Saddam Hussein|Uday Hussein
ar|Saddam Hussein|Qusay Hussein
ar|Hosni Mubarak|Gamal Mubarak
ar|Muammar Gaddafi|Saif al-Islam Gaddafi
ar|Abdullah Abdullah|Abdullah II
ar|Mahmoud Abbas|Mahmoud Ahmadinejad
ar|Khalid Mashal|Khalid Sheikh Mohammed
ar|Ismail Haniyeh|Ismail Radwan
ar|Yahya Sinwar|Mohammed Sinwar
ar|Hassan Nasrallah|Hassan Diab
ar|Nouri al-Maliki|Nouri al-Said
ar|Mohammed Morsi|Mohammed Mosaddegh
ar|Tripoli|Tripoli, Lebanon
ar|Hamas|Hama
ar|Houthi|Hutu
zh|Xi Jinping|Xi Zhongxun
zh|Xi Jinping|Xi Mingze
zh|Li Qiang|Li Keqiang
zh|Li Qiang|Li Peng
zh|Wang Yi|Wang Yang
zh|Wang Yi|Wang Qishan
zh|Hu Jintao|Hu Yaobang
zh|Wen Jiabao|Jiang Zemin
zh|Zhou Enlai|Zhou Yongkang
zh|Deng Xiaoping|Deng Pufang
zh|Mao Zedong|Mao Anying
zh|Guangzhou|Guangxi
zh|Qingdao|Qinghai
zh|Shanxi|Shaanxi
zh|Hubei|Hebei
zh|Hunan|Henan
ko|Kim Jong-un|Kim Jong-il
ko|Kim Jong-un|Kim Il-sung
ko|Kim Jong-un|Kim Yo-jong
ko|Kim Jong-un|Kim Jong-nam
ko|Kim Jong-il|Kim Jong-nam
ko|Moon Jae-in|Moon Chung-in
ko|Park Geun-hye|Park Chung-hee
ko|Yoon Suk-yeol|Yoon Bo-seon
ko|Lee Jae-myung|Lee Myung-bak
ko|Lee Jae-myung|Lee Jae-yong
ko|Choe Son-hui|Choe Ryong-hae
ko|Busan|Bucheon
fa|Ali Khamenei|Mojtaba Khamenei
fa|Ali Khamenei|Ruhollah Khomeini
fa|Hassan Rouhani|Hassan Khomeini
fa|Ebrahim Raisi|Ebrahim Rezaei
fa|Mohammad Javad Zarif|Mohammad Reza Aref
fa|Qasem Soleimani|Qasem Rezaei
fa|Mohammad Khatami|Ahmad Khatami
fa|Mahmoud Ahmadinejad|Mahmoud Vaezi
fa|Abbas Araghchi|Abbas Abdi
tr|Recep Tayyip Erdoğan|Bilal Erdoğan
tr|Recep Tayyip Erdoğan|Emine Erdoğan
tr|Ahmet Davutoğlu|Ahmet Necdet Sezer
tr|Mevlüt Çavuşoğlu|Mehmet Şimşek
tr|Kemal Kılıçdaroğlu|Kemal Derviş
tr|Binali Yıldırım|Binali Yilmaz
tr|Mehmet Aydın|Mehmet Ali Ağca
tr|Istanbul|Islamabad
"""


def _rows() -> list[tuple[str, str, int, str]]:
    rows: list[tuple[str, str, int, str]] = []
    people = [n.strip() for n in RUSSIAN.replace("\n", " ").split(";") if n.strip()]
    for name in people:
        for left, right in SCHEME_PAIRS:
            a = getattr(iuliia, left).translate(name)
            b = getattr(iuliia, right).translate(name)
            if a != b:
                rows.append((a, b, 1, "ru"))
        rows.append((name, iuliia.BGN_PCGN.translate(name), 1, "ru"))
        surname = name.split()[-1]
        rows.append((iuliia.ICAO_DOC_9303.translate(name), iuliia.WIKIPEDIA.translate(surname), 1, "ru"))
    for line in SAME.strip().splitlines():
        lang, a, b = line.split("|")
        rows.append((a, b, 1, lang))
    for line in DIFFERENT.strip().splitlines():
        lang, a, b = line.split("|")
        rows.append((a, b, 0, lang))
    # Russian look-alikes: the masculine and feminine forms of a family name, and each person paired
    # with the other person whose romanised name is closest (the hardest negatives in the list).
    for name in people:
        surname = name.split()[-1]
        if surname.endswith(("ов", "ев", "ин", "ёв")):
            rows.append((iuliia.WIKIPEDIA.translate(surname), iuliia.WIKIPEDIA.translate(surname + "а"), 0, "ru"))
        elif surname.endswith(("ова", "ева", "ина")):
            rows.append((iuliia.WIKIPEDIA.translate(surname), iuliia.WIKIPEDIA.translate(surname[:-1]), 0, "ru"))
    latin = {n: iuliia.WIKIPEDIA.translate(n) for n in people}
    for name in people:
        others = sorted((p for p in people if p != name and p.split()[-1] != name.split()[-1]),
                        key=lambda p: -similarity(latin[p].split()[-1], latin[name].split()[-1]))
        for other in others[:2]:
            rows.append((latin[name], iuliia.ICAO_DOC_9303.translate(other), 0, "ru"))
        same_given = [p for p in people if p != name and p.split()[0] == name.split()[0]]
        for other in same_given[:2]:
            rows.append((latin[name], latin[other], 0, "ru"))
    unique: dict[frozenset[str], tuple[str, str, int, str]] = {}
    for row in rows:
        unique.setdefault(frozenset(row[:2]), row)
    return list(unique.values())


def main() -> None:
    rows = _rows()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["a", "b", "same", "language"])
        writer.writerows(sorted(rows, key=lambda r: (r[3], -r[2], r[0], r[1])))
    same = sum(r[2] for r in rows)
    languages = sorted({r[3] for r in rows})
    print(f"{OUT}: {same} must merge, {len(rows) - same} must not, languages {languages}")


if __name__ == "__main__":
    main()
