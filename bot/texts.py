"""Dutch texts that the custom actions and the site channel send.

Texts used by rules and stories live in ``domain.yml``; the texts below are only sent
from actions (form questions, acknowledgements, read-back). Rasa's validator asks
that every domain response is used in a story or rule, so they live here instead.
Every text is B1 Dutch in the "je"-form.
"""

from __future__ import annotations

from typing import Any, Dict, List

from bot.input_check import MAX_MESSAGE_LENGTH


def _buttons(*pairs: str) -> List[Dict[str, str]]:
    return [{"title": title, "payload": payload} for title, payload in zip(pairs[::2], pairs[1::2])]


TEXTS: Dict[str, Dict[str, Any]] = {
    "restart": {
        "text": 'Prima, we beginnen opnieuw. Alles wat je eerder vertelde, ben ik vergeten. Vertel eens: welke opleiding heb je gedaan en wat voor werk doe je?',
    },
    "aanbod_medewerker": {
        "text": 'Het lukt me niet goed om je te begrijpen. Sorry! Wil je met een medewerker praten?',
        "buttons": _buttons(
            'Ja, praat met een medewerker', '/human_handoff', 'Nee, ik probeer het nog eens', '/continue'
        ),
    },
    "verduidelijk": {
        "text": "Sorry, dat begreep ik niet goed. Kun je het op een andere manier zeggen? Bijvoorbeeld: 'ik heb hbo en werk als accountant'.",
    },
    "verduidelijk_begin": {
        "text": 'Fijn dat je er bent! Ik help je graag op weg. Ik stel je eerst een paar korte vragen, één voor één. Daarna krijg je mijn advies.',
    },
    "verduidelijk_vraag": {
        "text": 'Sorry, dat begreep ik niet goed. Kun je het op een andere manier zeggen?',
    },
    "invoer_leeg": {
        "text": 'Je bericht is leeg. Typ gerust je vraag of je antwoord.',
    },
    "invoer_geen_woorden": {
        "text": 'Ik kan alleen tekst lezen, geen plaatjes of emoji. Kun je het in woorden typen?',
    },
    "invoer_opmaak": {
        "text": 'Ik kan alleen gewone tekst lezen. Kun je je bericht zonder code typen?',
    },
    "invoer_persoonlijk_nummer": {
        "text": 'Dat lijkt een persoonlijk nummer, zoals een BSN of rekeningnummer. Dat heb ik niet nodig. Deel het liever niet.',
    },
    "persoonlijk_nummer_in_bericht": {
        "text": 'Let op: je bericht bevat een persoonlijk nummer, zoals een BSN of rekeningnummer. Dat heb ik niet nodig. Ik bewaar het niet.',
    },
    "invoer_te_lang": {
        "text": f'Je bericht is te lang voor mij. Kun je het korter maken? Maximaal {MAX_MESSAGE_LENGTH} tekens.',
    },
    "invoer_engels": {
        "text": 'Sorry, ik begrijp alleen Nederlands. Wil je je vraag in het Nederlands typen?',
    },
    "genoteerd": {
        "text": 'Dank je! Dit heb ik genoteerd: {feiten}.',
    },
    "aangepast": {
        "text": 'Ik heb het aangepast: {feiten}.',
    },
    "andere_taal": {
        "text": 'Sorry, ik begrijp alleen Nederlands. Wil je je vraag in het Nederlands typen? (Sorry, I only understand Dutch. For information in English, please visit https://www.onderwijsloket.com.)',
    },
    "na_advies": {
        "text": 'Vraag gerust meer over je advies. Of wil je je advies met een medewerker bespreken?',
        "buttons": _buttons(
            'Ja, met een medewerker', '/human_handoff', 'Nee, dank je', '/deny', 'Opnieuw beginnen', '/restart'
        ),
    },
    "vraag_mee_naar_medewerker": {
        "text": 'Ik zet je vraag op de lijst voor de medewerker.',
    },
    "na_advies_afronding": {
        "text": 'Goed. Je advies blijft hier staan. Wil je later nog iets vragen, of toch iemand spreken? Dat kan altijd.',
        "buttons": _buttons('Praat met een medewerker', '/human_handoff', 'Opnieuw beginnen', '/restart'),
    },
    "contactvoorkeur_email": {
        "text": 'Prima. Dan neemt de medewerker per e-mail contact met je op.',
    },
    "telefoon_lukt_niet": {
        "text": 'Dat nummer kan ik helaas niet gebruiken. Dan kan de medewerker je mailen.',
    },
    "email_lukt_niet": {
        "text": 'Dat e-mailadres kan ik helaas niet gebruiken. Dan kan de medewerker je bellen.',
    },
    "oke_verder": {
        "text": 'Oké, dan gaan we verder.',
    },
    "vraag_later": {
        "text": 'Ik begrijp je antwoord nog niet goed. Ik sla deze vraag voor nu over. Een medewerker kan het later met je bespreken. Wil je het toch nog zeggen? Dat mag altijd.',
    },
    "sector_nog_open": {
        "text": 'Ik noteer voor nu dat je nog niet weet waar je wilt lesgeven. Dat mag. Ik laat je routes voor verschillende soorten scholen zien.',
    },
    "vraag_voor_medewerker_na_intake": {
        "text": "Goede vraag! Ik stel je eerst een paar vragen. Daarna krijg je mijn advies. Je vraag zet ik ook op de lijst voor de medewerker.",
    },
    "twijfel_voor_medewerker": {
        "text": "Ik noteer het zo. Weet je het niet zeker? De medewerker kijkt het later met je na.",
    },
    "vraag_voor_medewerker": {
        "text": 'Goede vraag! Die kan ik niet goed beantwoorden. Ik zet hem op de lijst voor de medewerker.',
    },
    "vraag_overgeslagen": {
        "text": 'Geen probleem. Die vraag sla ik over.',
    },
    "vraag_niveau_master": {
        "text": 'Heb je je master aan een universiteit (wo) of aan een hogeschool (hbo) gehaald?',
        "buttons": _buttons(
            'Universiteit (wo)',
            '/inform{"vooropleiding": "wo-master"}',
            'Hogeschool (hbo)',
            '/inform{"vooropleiding": "hbo-master"}',
        ),
    },
    "vraag_niveau_bachelor": {
        "text": 'Heb je je bachelor aan een universiteit (wo) of aan een hogeschool (hbo) gehaald?',
        "buttons": _buttons(
            'Universiteit (wo)',
            '/inform{"vooropleiding": "wo-bachelor"}',
            'Hogeschool (hbo)',
            '/inform{"vooropleiding": "hbo-bachelor"}',
        ),
    },
    "vraag_niveau_wo": {
        "text": 'Heb je een bachelor of een master van de universiteit?',
        "buttons": _buttons(
            'Bachelor', '/inform{"vooropleiding": "wo-bachelor"}', 'Master', '/inform{"vooropleiding": "wo-master"}'
        ),
    },
    "vraag_niveau_mbo": {
        "text": 'Welk niveau is je mbo-diploma: 1, 2, 3 of 4?',
        "buttons": _buttons(
            'Niveau 4',
            '/inform{"vooropleiding": "mbo-4"}',
            'Niveau 3',
            '/inform{"vooropleiding": "mbo-3"}',
            'Niveau 2',
            '/inform{"vooropleiding": "mbo-2"}',
            'Niveau 1',
            '/inform{"vooropleiding": "mbo-1"}',
        ),
    },
    "vraag_vooropleiding": {
        "text": 'Wat is je hoogste diploma? Bijvoorbeeld: havo, mbo 4, hbo-bachelor of wo-master.',
    },
    "vraag_studierichting": {
        "text": 'Welke studie of richting heb je gedaan? Bijvoorbeeld: bedrijfskunde, verpleegkunde of scheikunde.',
    },
    "vraag_diploma_buitenland": {
        "text": 'Heb je je diploma in het buitenland gehaald?',
        "buttons": _buttons('Ja', '/affirm', 'Nee', '/deny'),
    },
    "vraag_nederlands_niveau": {
        "text": 'Hoe goed spreek en schrijf je Nederlands?',
        "buttons": _buttons(
            'Het is mijn moedertaal',
            '/inform{"nederlands_niveau": "moedertaal"}',
            'C2',
            '/inform{"nederlands_niveau": "c2"}',
            'C1',
            '/inform{"nederlands_niveau": "c1"}',
            'B2',
            '/inform{"nederlands_niveau": "b2"}',
            'B1 of lager',
            '/inform{"nederlands_niveau": "b1-of-lager"}',
        ),
    },
    "vraag_moedertaal": {
        "text": 'Is Nederlands je moedertaal? Zo niet, hoe goed spreek en schrijf je Nederlands?',
        "buttons": _buttons(
            'Ja, mijn moedertaal',
            '/inform{"nederlands_niveau": "moedertaal"}',
            'C2',
            '/inform{"nederlands_niveau": "c2"}',
            'C1',
            '/inform{"nederlands_niveau": "c1"}',
            'B2',
            '/inform{"nederlands_niveau": "b2"}',
            'B1 of lager',
            '/inform{"nederlands_niveau": "b1-of-lager"}',
        ),
    },
    "vraag_huidig_beroep": {
        "text": "Wat voor werk doe je nu? Bijvoorbeeld: 'ik werk als accountant'. Werk je nu niet? Zeg dat dan gerust.",
    },
    "vraag_werkervaring_jaren": {
        "text": 'Hoeveel jaar werkervaring heb je ongeveer? Een getal is genoeg, bijvoorbeeld 8.',
    },
    "vraag_leeftijd_werkervaring": {
        "text": "Hoe oud ben je nu? Dan reken ik het uit.",
    },
    "vraag_huidige_bevoegdheid": {
        "text": 'Heb je al een bevoegdheid om les te geven?',
        "buttons": _buttons(
            'Nee, nog niet',
            '/inform{"huidige_bevoegdheid": "geen"}',
            'Basisonderwijs (pabo)',
            '/inform{"huidige_bevoegdheid": "po"}',
            'Tweedegraads',
            '/inform{"huidige_bevoegdheid": "tweedegraads"}',
            'Eerstegraads',
            '/inform{"huidige_bevoegdheid": "eerstegraads"}',
            'PDG (mbo)',
            '/inform{"huidige_bevoegdheid": "pdg"}',
            'Uit het buitenland',
            '/inform{"huidige_bevoegdheid": "buitenlands"}',
        ),
    },
    "vraag_sector": {
        "text": 'Waar wil je het liefst lesgeven?',
        "buttons": _buttons(
            'Basisschool',
            '/inform{"sector": "po"}',
            'Middelbare school',
            '/inform{"sector": "vo"}',
            'Mbo',
            '/inform{"sector": "mbo"}',
            'Speciaal onderwijs',
            '/inform{"sector": "so"}',
            'Weet ik nog niet',
            '/inform{"sector": "onbekend"}',
        ),
    },
    "vraag_schoolvak": {
        "text": 'Welk vak wil je geven? Bijvoorbeeld: wiskunde, Engels of zorg en welzijn. Weet je het nog niet? Dat mag ook.',
        "buttons": _buttons('Weet ik nog niet', '/dont_know'),
    },
    "vraag_baan_op_school": {
        "text": 'Heb je al een baan op een school, of een aanbod van een school?',
        "buttons": _buttons(
            'Ja',
            '/inform{"baan_op_school": "ja"}',
            'Ik ben in gesprek',
            '/inform{"baan_op_school": "in-gesprek"}',
            'Nee',
            '/inform{"baan_op_school": "nee"}',
        ),
    },
    "vraag_studievorm": {
        "text": 'Wil je voltijd of in deeltijd studeren? Deeltijd is bijvoorbeeld naast je werk.',
        "buttons": _buttons(
            'Voltijd',
            '/inform{"studievorm": "voltijd"}',
            'Deeltijd',
            '/inform{"studievorm": "deeltijd"}',
            'Weet ik nog niet',
            '/dont_know',
        ),
    },
    "vraag_provincie": {
        "text": 'In welke provincie of plaats wil je lesgeven? Bijvoorbeeld: Utrecht of Zwolle.',
    },
    "ongeldig_vooropleiding": {
        "text": 'Dat snap ik niet helemaal. Wat is je hoogste diploma? Typ bijvoorbeeld: vmbo, havo, vwo, mbo 4, hbo of wo-master.',
    },
    "ongeldig_studierichting": {
        "text": 'Dat snap ik niet helemaal. Typ alleen de naam van je studie, bijvoorbeeld: psychologie.',
    },
    "ongeldig_diploma_buitenland": {
        "text": "Sorry, dat snap ik niet. Kies 'Ja' als je diploma uit het buitenland komt. Kies 'Nee' als het uit Nederland komt.",
    },
    "ongeldig_nederlands_niveau": {
        "text": 'Sorry, dat snap ik niet. Kies het niveau dat het beste past, bijvoorbeeld B2 of C1.',
    },
    "ongeldig_huidig_beroep": {
        "text": "Sorry, dat snap ik niet. Wat is je beroep? Typ bijvoorbeeld: 'verpleegkundige' of 'ik werk als kok'.",
    },
    "werkervaring_leeftijd_onbekend": {
        "text": "Ik weet niet hoe oud je bent. Daarom kan ik niet uitrekenen hoeveel jaar dat is.",
    },
    "ongeldig_werkervaring_jaren": {
        "text": 'Dat kan ik niet goed lezen. Hoeveel jaar heb je gewerkt? Typ een getal tussen 0 en 55, bijvoorbeeld 12.',
    },
    "ongeldig_huidige_bevoegdheid": {
        "text": 'Sorry, dat snap ik niet. Heb je een pabo-diploma, een tweedegraads of eerstegraads bevoegdheid, of een PDG? Of nog geen?',
    },
    "ongeldig_sector": {
        "text": 'Sorry, dat snap ik niet. Wil je lesgeven op de basisschool, de middelbare school, het mbo of het speciaal onderwijs?',
    },
    "ongeldig_schoolvak": {
        "text": 'Sorry, dat vak ken ik niet. Typ bijvoorbeeld: biologie, Duits of techniek.',
    },
    "ongeldig_baan_op_school": {
        "text": "Sorry, dat snap ik niet. Heb je al werk op een school? Antwoord met ja, nee of 'ik ben in gesprek'.",
    },
    "ongeldig_studievorm": {
        "text": 'Sorry, dat snap ik niet. Wil je voltijd of deeltijd studeren?',
    },
    "ongeldig_provincie": {
        "text": 'Die plaats ken ik niet. Typ de naam van je provincie of gemeente, bijvoorbeeld: Gelderland of Arnhem.',
    },
    "nodig_vooropleiding": {
        "text": "Je hoogste diploma heb ik echt nodig voor een goed advies. Kies wat het dichtst in de buurt komt. Heb je geen diploma? Kies dan 'Geen diploma'.",
        "buttons": _buttons(
            'Wo-master',
            '/inform{"vooropleiding": "wo-master"}',
            'Wo-bachelor',
            '/inform{"vooropleiding": "wo-bachelor"}',
            'Hbo-bachelor',
            '/inform{"vooropleiding": "hbo-bachelor"}',
            'Mbo 4',
            '/inform{"vooropleiding": "mbo-4"}',
            'Havo',
            '/inform{"vooropleiding": "havo"}',
            'Geen diploma',
            '/inform{"vooropleiding": "geen"}',
        ),
    },
    "vooropleiding_onbekend": {
        "text": 'Geen probleem. Ik maak je advies zonder je diploma. Het advies is dan minder precies. Weet je het later wel? Zeg het gerust, dan pas ik het aan.',
    },
    "aanname_vooropleiding": {
        "text": 'Geen probleem. Ik ga voor nu uit van {niveau}. Dat is de veilige keuze voor je advies. Klopt het niet? Zeg het gerust, dan pas ik het aan.',
    },
    "aanname_geen_bevoegdheid": {
        "text": "Geen probleem. Een bevoegdheid krijg je na een lerarenopleiding, zoals de pabo. Ik ga er dus van uit dat je er nog geen hebt. Klopt het niet? Zeg het gerust, dan pas ik het aan.",
    },
    "ad_opleiding": {
        "text": 'De opleiding {studie} is een associate degree (Ad). Daarom heb ik Ad genoteerd. Klopt dat niet? Zeg het gerust, dan pas ik het aan.',
    },
    "master_aan_universiteit": {
        "text": 'Een master {studie} haal je aan een universiteit. Daarom heb ik wo-master genoteerd. Klopt dat niet? Zeg het gerust, dan pas ik het aan.',
    },
    "profiel_voorlezen": {
        "text": 'Dit heb ik van je genoteerd:\n{profiel}\n\nKlopt dit?',
        "buttons": _buttons('Ja, dat klopt', '/affirm', 'Nee, ik wil iets aanpassen', '/deny'),
    },
    "advies_blijft": {
        "text": 'Dank je. Dit verandert niets aan je advies: dat blijft hetzelfde. '
        'Stel gerust een vraag over een route. Of wil je je advies met een medewerker bespreken?',
        "buttons": _buttons('Praat met een medewerker', '/human_handoff'),
    },
    "advies_nog_niet": {
        "text": 'Ik heb nog geen advies voor je gemaakt. Eerst wil ik iets meer over je weten. Dan zoek ik de routes die bij je passen.',
    },
    "advies_nog_niet_vraag": {
        "text": 'Ik heb nog geen advies voor je gemaakt. Eerst wil ik iets meer over je weten. Je vraag zet ik op de lijst voor de medewerker.',
    },
    "advies_niet_beschikbaar": {
        "text": 'Sorry, het lukt me nu niet om je advies te maken. Probeer het later nog eens. Of praat met een medewerker.',
        "buttons": _buttons('Praat met een medewerker', '/human_handoff'),
    },
    "vraag_naam": {
        "text": 'Een medewerker van het Onderwijsloket helpt je graag. Dat is gratis. Ik vraag eerst een paar gegevens, zodat de medewerker contact met je kan opnemen. Wat is je naam?',
    },
    "vraag_naam_opnieuw": {
        "text": 'Wat is je naam?',
    },
    "vraag_contactvoorkeur": {
        "text": 'Hoe wil je dat de medewerker contact met je opneemt?',
        "buttons": _buttons(
            'E-mail',
            '/inform{"contactvoorkeur":"email"}',
            'Telefoon',
            '/inform{"contactvoorkeur":"telefoon"}',
            'Videogesprek',
            '/inform{"contactvoorkeur":"video"}',
        ),
    },
    "vraag_email": {
        "text": 'Wat is je e-mailadres?',
    },
    "vraag_email_video": {
        "text": 'Wat is je e-mailadres? Daar stuurt de medewerker de link voor het videogesprek naartoe.',
    },
    "vraag_telefoon": {
        "text": 'Op welk telefoonnummer kan de medewerker je bellen?',
    },
    "naam_overgeslagen": {
        "text": 'Geen probleem. Dan noteer ik geen naam. De medewerker vraagt er later naar.',
    },
    "fout_naam": {
        "text": 'Dat lijkt geen naam. Typ je voornaam en achternaam, bijvoorbeeld: Sanne de Vries.',
    },
    "fout_email": {
        "text": 'Dat e-mailadres klopt niet. Kijk het even na. Bijvoorbeeld: sanne@voorbeeld.nl.',
    },
    "fout_telefoon": {
        "text": 'Dat telefoonnummer klopt niet. Typ bijvoorbeeld 06 12345678, of met landcode: +32 470 12 34 56.',
    },
    "fout_contactvoorkeur": {
        "text": 'Kies e-mail, telefoon of videogesprek.',
    },
    "overdracht_tonen": {
        "text": 'Dit geef ik door aan een medewerker:\n{regels}\n\nMag ik dit delen met een medewerker van het Onderwijsloket? Zonder jouw ja deel ik niets.',
        "buttons": _buttons('Ja, dat mag', '/affirm', 'Nee, liever niet', '/deny'),
    },
    "toestemming_vraag": {
        "text": "Mag ik dit doorgeven aan een medewerker? Kies 'Ja, dat mag' of 'Nee, liever niet'.",
        "buttons": _buttons('Ja, dat mag', '/affirm', 'Nee, liever niet', '/deny'),
    },
    "toestemming_nog_niet": {
        "text": "Ik geef nog niets door. Wil je het toch? Kies dan 'Ja, geef door'. Je kunt ook verder vragen stellen.",
        "buttons": _buttons('Ja, geef door', '/affirm', 'Nee, liever niet', '/deny'),
    },
    "overdracht_opgeslagen": {
        "text": 'Dank je wel! Je gegevens zijn goed opgeslagen. Een medewerker van het Onderwijsloket neemt binnen 2 werkdagen {contact} contact met je op. Je kenmerk is {kenmerk}. Wil je intussen nog iets vragen? Dat kan gewoon hier.',
    },
    "overdracht_mislukt": {
        "text": 'Sorry, het opslaan is niet gelukt. Er is nog niets gedeeld. Probeer het zo nog een keer.',
        "buttons": _buttons('Probeer het opnieuw', '/affirm'),
    },
    "overdracht_geen_toestemming": {
        "text": "Prima, ik deel niets. Je gegevens gaan niet naar een medewerker. Dit gesprek blijft bij mij, de digitale assistent. Wil je later toch contact? Kies dan weer 'Praat met een medewerker', of kijk op https://www.onderwijsloket.com.",
    },
    "overdracht_al_opgeslagen": {
        "text": 'Je gegevens zijn al doorgegeven aan een medewerker. Je kenmerk is {kenmerk}. Je hoeft niets meer te doen.',
    },
    "profiel_aangenomen": {
        "text": 'Dank je wel! Ik ga verder met wat ik nu van je weet. Klopt er toch iets niet? '
        'Zeg het gerust, dan pas ik het aan.',
    },
    "profiel_compleet": {
        "text": 'Dank je wel! Je profiel is compleet. Hiermee zoek ik de routes naar het leraarschap die bij jou passen.',
    },
}

#: Why the bot asks each profile question ("Waarom wil je dat weten?"), as ``uitleg_waarom_<slot>``.
_WHY_ASKED = {
    "vooropleiding": "Je diploma bepaalt welke opleidingen en routes voor jou openstaan.",
    "studierichting": "Bij je studie passen sommige schoolvakken wel en andere niet.",
    "diploma_buitenland": "Met een diploma uit het buitenland zijn er soms extra stappen, zoals een diplomawaardering.",
    "nederlands_niveau": "Veel lerarenopleidingen vragen Nederlands op B2-niveau.",
    "werkervaring_jaren": "Je werkervaring kan meetellen, bijvoorbeeld voor vrijstellingen.",
    "huidig_beroep": "Je werk kan meetellen. En de medewerker snapt je situatie dan beter.",
    "sector": "Elke schoolsoort heeft eigen routes naar het leraarschap.",
    "schoolvak": "Voor elk vak gelden andere eisen en opleidingen.",
    "baan_op_school": "Met een baan op een school kun je vaak als zij-instromer beginnen. De school betaalt dan je opleiding.",
    "studievorm": "Sommige opleidingen zijn alleen in voltijd of alleen in deeltijd.",
    "provincie": "Zo kan ik je de hulp in jouw regio noemen.",
    "huidige_bevoegdheid": "Ben je al bevoegd, dan zijn er kortere routes.",
}
TEXTS.update(
    {
        f"uitleg_waarom_{slot}": {
            "text": f"Ik vraag het omdat het advies ervan afhangt. {reason} Je gegevens gaan alleen naar een "
            "medewerker als jij dat goed vindt."
        }
        for slot, reason in _WHY_ASKED.items()
    }
)

#: What the site channel itself says (systeem messages, before a message reaches the bot).
SITE_TOO_LONG = "Je bericht is te lang. Ik kan maximaal {max} tekens lezen. Kun je het korter maken?"
SITE_TOO_FAST = "Je stuurt veel berichten snel achter elkaar. Wacht even en stuur je bericht dan opnieuw."
SITE_TOO_MANY_SESSIONS = (
    "Er worden vanaf jouw verbinding veel gesprekken tegelijk gestart. Wacht een paar minuten "
    "en laad de pagina dan opnieuw."
)


def render(key: str, **values: Any) -> Dict[str, Any]:
    """The message for ``key`` with ``{placeholders}`` filled in, ready for ``utter_message``."""
    template = TEXTS[key]
    message: Dict[str, Any] = {"text": template["text"].format(**values)}
    if template.get("buttons"):
        message["buttons"] = [dict(b) for b in template["buttons"]]
    return message
