"""Names that look like Kazakhstan's: people in Cyrillic and Latin spellings, organisations by
sector, cities. Pure functions of a ``random.Random``, so a seed gives the same names again."""

from dataclasses import dataclass
from itertools import product
from random import Random

from organisations.models import Sector

# Each name in Cyrillic, then its Latin spellings, the usual one first (Zhanna, Janna).
MEN = [
    ("Нурлан", "Nurlan"),
    ("Ерлан", "Yerlan", "Erlan"),
    ("Жандос", "Zhandos", "Jandos"),
    ("Асхат", "Askhat", "Ashat"),
    ("Бауыржан", "Bauyrzhan", "Baurzhan", "Baurjan"),
    ("Ержан", "Yerzhan", "Erzhan", "Erjan"),
    ("Даурен", "Dauren"),
    ("Айдос", "Aidos", "Aydos"),
    ("Алексей", "Aleksei", "Alexey", "Aleksey"),
    ("Дмитрий", "Dmitry", "Dmitriy", "Dmitrii"),
    ("Сергей", "Sergei", "Sergey"),
    ("Тимур", "Timur"),
    ("Арман", "Arman"),
    ("Серик", "Serik"),
    ("Канат", "Kanat", "Qanat"),
    ("Артур", "Artur", "Arthur"),
    ("Мухтар", "Mukhtar", "Muhtar"),
    ("Олжас", "Olzhas", "Oljas"),
]
WOMEN = [
    ("Айгерим", "Aigerim", "Aygerim"),
    ("Жанна", "Zhanna", "Janna"),
    ("Динара", "Dinara"),
    ("Гульнара", "Gulnara", "Gulnar"),
    ("Асель", "Assel", "Asel"),
    ("Сауле", "Saule"),
    ("Айжан", "Aizhan", "Ayzhan", "Aijan"),
    ("Мадина", "Madina"),
    ("Елена", "Yelena", "Elena"),
    ("Наталья", "Natalya", "Natalia", "Nataliya"),
    ("Ольга", "Olga"),
    ("Жулдыз", "Zhuldyz", "Juldyz"),
    ("Камила", "Kamila"),
    ("Ботагоз", "Botagoz"),
    ("Алия", "Aliya", "Aliia"),
    ("Индира", "Indira"),
    ("Татьяна", "Tatyana", "Tatiana"),
    ("Назгуль", "Nazgul"),
]
# Surnames in the masculine form; the feminine adds а / a.
SURNAMES = [
    ("Ахметов", "Akhmetov", "Ahmetov"),
    ("Жумабаев", "Zhumabayev", "Zhumabaev", "Jumabaev"),
    ("Нурпеисов", "Nurpeisov", "Nurpeissov"),
    ("Сейткалиев", "Seitkaliyev", "Seitkaliev"),
    ("Касымов", "Kassymov", "Kasymov"),
    ("Искаков", "Iskakov", "Yskakov"),
    ("Тулегенов", "Tulegenov"),
    ("Байжанов", "Baizhanov", "Bayzhanov", "Baijanov"),
    ("Оспанов", "Ospanov"),
    ("Мусин", "Mussin", "Musin"),
    ("Сулейменов", "Suleimenov", "Suleymenov"),
    ("Калиев", "Kaliyev", "Kaliev"),
    ("Иванов", "Ivanov"),
    ("Петров", "Petrov"),
    ("Ким", "Kim"),
    ("Абдрахманов", "Abdrakhmanov", "Abdrahmanov"),
    ("Жаксыбеков", "Zhaksybekov", "Jaksybekov"),
    ("Сарсенбаев", "Sarsenbayev", "Sarsenbaev"),
    ("Утегенов", "Utegenov", "Otegenov"),
    ("Хасенов", "Khassenov", "Khasenov", "Hasenov"),
    ("Есимов", "Yessimov", "Esimov"),
    ("Туреханов", "Turekhanov", "Turehanov"),
    ("Смагулов", "Smagulov"),
    ("Омаров", "Omarov"),
    ("Бекмуханбетов", "Bekmukhanbetov", "Bekmuhanbetov"),
    ("Кенжебаев", "Kenzhebayev", "Kenzhebaev", "Kenjebaev"),
    ("Досмагамбетов", "Dosmagambetov", "Dossmagambetov"),
    ("Жаканов", "Zhakanov", "Jakanov"),
    ("Бектуров", "Bekturov"),
    ("Абенов", "Abenov"),
    ("Шайхутдинов", "Shaikhutdinov", "Shaykhutdinov"),
    ("Кузнецов", "Kuznetsov", "Kuznetcov"),
    ("Садыков", "Sadykov", "Sadikov"),
    ("Ермеков", "Yermekov", "Ermekov"),
    ("Тохтаров", "Tokhtarov", "Tohtarov"),
    ("Мамыров", "Mamyrov"),
    ("Рахимов", "Rakhimov", "Rahimov"),
    ("Байтурсынов", "Baitursynov", "Baytursynov"),
    ("Садвакасов", "Sadvakassov", "Sadvakasov"),
    ("Ибраев", "Ibrayev", "Ibraev"),
]
UNCHANGING_SURNAMES = {"Ким"}  # no feminine ending
# Fathers' names that take -ович / -овна as they are.
FATHERS = [name[:2] for name in MEN if name[0][-1] not in "йь"]

CITIES = [
    ("Астана", "Astana"),
    ("Алматы", "Almaty"),
    ("Шымкент", "Shymkent"),
    ("Караганда", "Karaganda"),
    ("Актобе", "Aktobe"),
    ("Тараз", "Taraz"),
    ("Павлодар", "Pavlodar"),
    ("Усть-Каменогорск", "Ust-Kamenogorsk"),
    ("Семей", "Semey"),
    ("Атырау", "Atyrau"),
    ("Костанай", "Kostanay"),
    ("Кызылорда", "Kyzylorda"),
    ("Уральск", "Uralsk"),
    ("Петропавловск", "Petropavlovsk"),
    ("Актау", "Aktau"),
    ("Туркестан", "Turkestan"),
    ("Кокшетау", "Kokshetau"),
    ("Талдыкорган", "Taldykorgan"),
    ("Экибастуз", "Ekibastuz"),
    ("Жезказган", "Zhezkazgan"),
]
# The big cities host most events.
CITY_WEIGHTS = [30, 25, 8, 6, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]

MINISTRIES = [
    "Labour and Social Protection of the Population",
    "Education",
    "Science and Higher Education",
    "Healthcare",
    "Finance",
    "National Economy",
    "Foreign Affairs",
    "Ecology and Natural Resources",
    "Energy",
    "Agriculture",
    "Culture and Information",
    "Justice",
    "Internal Affairs",
    "Digital Development, Innovation and Aerospace Industry",
    "Tourism and Sports",
    "Water Resources and Irrigation",
    "Emergency Situations",
    "Trade and Integration",
]
INTERNATIONAL = [
    ("United Nations Development Programme", "UNDP"),
    ("United Nations Children's Fund", "UNICEF"),
    ("UN Women", ""),
    ("United Nations Population Fund", "UNFPA"),
    ("World Health Organization", "WHO"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("Delegation of the European Union to Kazakhstan", ""),
    ("United States Agency for International Development", "USAID"),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ"),
    ("Japan International Cooperation Agency", "JICA"),
    ("Korea International Cooperation Agency", "KOICA"),
    ("World Bank", ""),
    ("Asian Development Bank", "ADB"),
    ("European Bank for Reconstruction and Development", "EBRD"),
    ("Food and Agriculture Organization", "FAO"),
    ("International Labour Organization", "ILO"),
    ("International Organization for Migration", "IOM"),
    ("UNESCO Almaty Office", "UNESCO"),
    ("Office of the UN High Commissioner for Refugees", "UNHCR"),
    ("UN Office on Drugs and Crime", "UNODC"),
]
NGO_FORMS = [
    "Public Foundation",
    "Public Association",
    "Corporate Fund",
    "Association",
    "Youth Resource Centre",
]
NGO_WORDS = [
    "Zhas Orken", "Bolashak", "Umit", "Ashyq Alem", "Kamkor", "Shanyrak", "Meirim", "Dostar",
    "Zhanaru", "Ak Niet", "Saryarka", "Tabigat", "Eco Mir", "Green Steppe", "Women's Initiative",
    "Open Dialogue", "Equal Rights", "Civil Alliance", "Family Centre",
    "Kazakhstan Without Violence", "Inclusive Future", "Youth Parliament", "Clean Water",
    "Healthy Generation", "Rural Voices",
    "Digital Bridge", "Legal Aid", "Child Rights", "Volunteer Network", "Generation of Change",
    "Nur Zhol", "Sana", "Arman", "Kemel Adam", "Aqyl", "Bereke", "Dara", "Kokzhiek", "Samruk",
    "Steppe Women", "Senior Citizens Care", "Mountain Villages", "Aral Tenizi", "Irgiz",
    "Social Bridge", "Special Children", "Smart Youth", "Free Press Club", "Transparency Watch",
    "Eco Damu", "Qazaq Girls", "Auyl Damu", "Tan Sholpan", "Birlik", "Zhardem",
]  # fmt: skip
BUSINESS_FORMS = ["LLP", "JSC"]
BUSINESS_WORDS = [
    "Kazakh Invest", "Steppe Energy", "Alatau Tech", "Caspian Logistics", "Nomad Foods",
    "Baiterek Consulting", "Kaspi Solutions", "Ertis Mining", "Turan Build", "Altyn Dala",
    "Aqmola Agro", "Jetisu Textile", "Tengri Finance", "Sary-Arka Transport", "Khan Tengri Tour",
    "Astana Smart City", "Qazaq Solar", "Irtysh Water", "Balkhash Fish", "Orda Digital",
]  # fmt: skip
ACADEMIC_FIELDS = [
    "Economic Research", "Public Policy", "Environmental Studies", "Demography",
    "Gender Studies", "Water Management", "Social Innovation", "Sustainable Development",
]  # fmt: skip


DISTRICTS = [
    "Yesil", "Saryarka", "Almaly", "Bostandyk", "Medeu", "Auezov", "Turksib", "Nauryzbay",
    "Alatau", "Zhetysu", "Baikonyr", "Nura", "Abay", "Al-Farabi", "Karasay", "Talgar",
    "Ili", "Enbekshikazakh", "Sairam", "Tole Bi", "Kazygurt", "Zhanaarka", "Burabay",
]  # fmt: skip


@dataclass(frozen=True)
class PersonName:
    """A person's name as records write it, and the other spellings the news uses."""

    name: str
    spellings: tuple[str, ...]


def person_name(rng: Random) -> PersonName:
    """A Kazakh or Russian name, written in Cyrillic about a third of the time."""
    is_woman = rng.random() < 0.5
    first = rng.choice(WOMEN if is_woman else MEN)
    surname = rng.choice(SURNAMES)
    ending = "" if surname[0] in UNCHANGING_SURNAMES or not is_woman else "a"
    cyrillic = f"{first[0]} {surname[0]}{'а' if ending else ''}"
    latin = [f"{given} {family}{ending}" for given, family in product(first[1:], surname[1:])]
    if rng.random() < 0.3:  # Russian style: surname, given name, patronymic
        father = rng.choice(FATHERS)
        cyrillic_surname = f"{surname[0]}{'а' if ending else ''}"
        cyrillic = f"{cyrillic_surname} {first[0]} {father[0]}{'овна' if is_woman else 'ович'}"
        patronymic = f"{father[1]}{'ovna' if is_woman else 'ovich'}"
        latin = [
            f"{family}{ending} {given} {patronymic}"
            for given, family in product(first[1:], surname[1:])
        ]
    spellings = (latin[0], cyrillic, *latin[1:])
    name = cyrillic if rng.random() < 0.35 else latin[0]
    return PersonName(name, spellings)


def city(rng: Random) -> tuple[str, str]:
    """A city (Cyrillic, Latin), the big ones more often."""
    return rng.choices(CITIES, weights=CITY_WEIGHTS)[0]


def organisation_sectors(count: int, rng: Random) -> list[str]:
    """Sectors for ``count`` organisations: NGOs most, then business, the state, academia."""
    shares = {
        Sector.NGO: 55,
        Sector.BUSINESS: 15,
        Sector.STATE: 14,
        Sector.ACADEMIC: 7,
        Sector.MEDIA: 6,
        Sector.INTERNATIONAL: 2,
        Sector.OTHER: 1,
    }
    return rng.choices(list(shares), weights=list(shares.values()), k=count)


def unique_organisation_name(sector: str, rng: Random, taken: set[str]) -> tuple[str, str]:
    """A name not in ``taken`` (which it joins): redrawn, or else named as a district's branch."""
    for _attempt in range(5):
        name, acronym = organisation_name(sector, rng)
        if name not in taken:
            break
    base, number = name, 1
    while name in taken:
        name = f"{base}, {rng.choice(DISTRICTS)} district branch"
        name += f" No. {number}" if number > 3 else ""
        number += 1
    taken.add(name)
    return name, acronym


def organisation_name(sector: str, rng: Random) -> tuple[str, str]:
    """A name and acronym fitting the sector."""
    town = city(rng)[1]
    if sector == Sector.STATE:
        kind = rng.random()
        if kind < 0.15:
            return f"Ministry of {rng.choice(MINISTRIES)} of the Republic of Kazakhstan", ""
        if kind < 0.6:
            return f"Akimat of {town}", ""
        return f"Department of {rng.choice(MINISTRIES)} of {town}", ""
    if sector == Sector.INTERNATIONAL:
        name, acronym = rng.choice(INTERNATIONAL)
        return (f"{name}, {town} office" if rng.random() < 0.5 else name), acronym
    if sector == Sector.BUSINESS:
        return f"{rng.choice(BUSINESS_FORMS)} «{rng.choice(BUSINESS_WORDS)} {town}»", ""
    if sector == Sector.ACADEMIC:
        if rng.random() < 0.5:
            return f"{town} State University", ""
        return f"Institute of {rng.choice(ACADEMIC_FIELDS)}, {town}", ""
    if sector == Sector.MEDIA:
        return f"{rng.choice(NGO_WORDS)} Media, {town}", ""
    return f"{rng.choice(NGO_FORMS)} «{rng.choice(NGO_WORDS)}» ({town})", ""
