"""The maturity model for municipalities online ("De gemeente online, van observant tot deelnemer", seeds/001).

A municipality grows through four phases (`trainingnet.vocabulary.MaturityPhase`):

1. **De gemeente ontdekt** – a few enthusiasts open accounts and post messages and links; ad hoc, driven by the
   trend or the technology. The resident is pleasantly surprised (*de burger is verrast*).
2. **De gemeente experimenteert** – room is made deliberately to experiment; webcare is often the first process; the
   municipality explores its role in community initiatives and joins them more often, without wanting to lead.
   Budgets are ad hoc; the organisation is aware but not yet able (*bewust onbekwaam*). *De burger vindt het handig.*
3. **De gemeente converseert** – social media are in use everywhere in the organisation, as a service channel, a
   means of communication and a source of knowledge, also on other people's platforms; the municipality starts
   participation initiatives itself or deliberately joins (or does not join) those of the community. Structural
   budgets; the organisation is consciously able (*bewust bekwaam*). *De burger vindt het gewoon.*
4. **De gemeente werkt samen** – no longer busy absorbing technology: the municipality focuses on what happens in the
   community; co-creation and crowd processes are the means; for every initiative it adopts the role that fits best
   (*loslaten waar het kan, regisseren waar het moet*); medium- and technology-independent and the capability has
   become second nature (*onbewust bekwaam*). *De burger ervaart een partner.*

The model measures three axes (*assen*):

- **interactie**: from being present and broadcasting to dialogue and collaboration (content, klantcontact,
  context, conversatie, collaboratie);
- **eigenaar van het initiatief**: where the initiative lies, with the municipality or the community, and the role
  of the municipality: normerend (phase 1), regisserend (2), faciliterend or deelnemend (3), and in phase 4 choosing
  per initiative, including loslatend;
- **eigenaarschap in de organisatie**: how widely it has landed: a few early adopters (ambtenaren 2.0) (1),
  trend- and innovation-minded units (2), the whole organisation (3), seamlessly connected to any internal or
  external network (4); together with the competence stage of the organisation: onbewust onbekwaam (1), bewust
  onbekwaam (2), bewust bekwaam (3), onbewust bekwaam (4).

Every question offers four answers, one per phase, in the words of the seed. **Scoring**: an axis has reached a
phase when at least two of its three answers are at that phase or higher (the median of the three); the
municipality as a whole is in the phase that at least two of the three axes have reached (the median of the axes).
One exceptional answer therefore neither lifts nor sinks a municipality: a phase is reached when it is broadly true.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from trainingnet.vocabulary import MaturityPhase


class Axis:
    INTERACTION = "interactie"
    INITIATIVE = "initiatief"
    OWNERSHIP = "eigenaarschap"


AXES: tuple[str, ...] = (Axis.INTERACTION, Axis.INITIATIVE, Axis.OWNERSHIP)

AXIS_LABELS: dict[str, Promise] = {
    Axis.INTERACTION: _("Interactie"),
    Axis.INITIATIVE: _("Eigenaar van het initiatief"),
    Axis.OWNERSHIP: _("Eigenaarschap in de organisatie"),
}

AXIS_DESCRIPTIONS: dict[str, Promise] = {
    Axis.INTERACTION: _("Van aanwezig zijn en zenden naar dialoog en samenwerking: content, klantcontact, context, "
                        "conversatie, collaboratie."),
    Axis.INITIATIVE: _("Ligt het initiatief bij de gemeente of bij de gemeenschap, en welke rol neemt de gemeente: "
                       "normerend, regisserend, faciliterend, deelnemend of loslatend?"),
    Axis.OWNERSHIP: _("Hoe breed is het geland in de organisatie: bij enkele early adopters, bij "
                      "innovatiegevoelige onderdelen, in de hele organisatie of naadloos verbonden met elk netwerk? "
                      "En hoe bekwaam is de organisatie?"),
}

PHASE_DESCRIPTIONS: dict[int, Promise] = {
    MaturityPhase.ONTDEKT: _(
        "De gemeente ontdekt de mogelijkheden van sociale media. Enkele enthousiastelingen maken accounts aan en "
        "plaatsen de eerste berichten, vaak linkjes naar persberichten en documenten. Het is ad hoc, gedreven door "
        "de trend of de nieuwe technologie, en nog niet robuust georganiseerd. De burger is verrast."),
    MaturityPhase.EXPERIMENTEERT: _(
        "De gemeente maakt bewust ruimte om te experimenteren. Webcare is vaak het eerste proces dat georganiseerd "
        "wordt. De gemeente verkent haar rol bij initiatieven uit de gemeenschap en sluit vaker aan, zonder zelf "
        "trekker te willen zijn. Budgetten zijn ad hoc; de organisatie is bewust, maar nog onvoldoende bekwaam. "
        "De burger vindt het handig."),
    MaturityPhase.CONVERSEERT: _(
        "Sociale media zijn overal in de organisatie in gebruik: als dienstverleningskanaal, communicatiemiddel en "
        "kennisbron, ook op de kanalen van anderen waar het gesprek plaatsvindt. De gemeente neemt zelf "
        "participatie-initiatieven of sluit bewust aan. Er zijn structurele budgetten; de organisatie is bewust "
        "bekwaam. De burger vindt het gewoon."),
    MaturityPhase.WERKT_SAMEN: _(
        "De gemeente richt zich volledig op wat er in de gemeenschap speelt. Samenwerking en het initiatief staan "
        "centraal; participatie, co-creatie en crowdprocessen zijn middelen. Per initiatief kiest de gemeente de "
        "rol die past: loslaten waar het kan, regisseren waar het moet. Het is medium- en technologieonafhankelijk. "
        "De burger ervaart een partner."),
}

NEXT_STEP: dict[int, Promise] = {
    MaturityPhase.ONTDEKT: _("Volgende stap: bewust ruimte maken om te experimenteren, bijvoorbeeld door webcare te "
                             "organiseren en de eerste keuzes vast te leggen in een startnotitie."),
    MaturityPhase.EXPERIMENTEERT: _("Volgende stap: sociale media in de hele organisatie laten landen, bij "
                                    "proceseigenaren en middenmanagement, met een structureel budget."),
    MaturityPhase.CONVERSEERT: _("Volgende stap: vanuit de gemeenschap werken, samen met inwoners en partners, en "
                                 "per initiatief de passende rol kiezen."),
    MaturityPhase.WERKT_SAMEN: _("U bent in de laatste fase: deel uw ervaring als trainer of expert met andere "
                                 "gemeenten en blijf verdiepen."),
}


@dataclass(frozen=True)
class Question:
    key: str
    axis: str
    text: Promise
    answers: tuple[Promise, Promise, Promise, Promise]  # the answer for phase 1, 2, 3 and 4


QUESTIONS: tuple[Question, ...] = (
    Question("interactie_inzet", Axis.INTERACTION, _("Waarvoor gebruikt uw gemeente sociale media vooral?"), (
        _("Aanwezig zijn en berichten plaatsen: attenderen en informeren, vaak met linkjes naar persberichten."),
        _("Ook vragen van inwoners beantwoorden: webcare en klantcontact zijn georganiseerd."),
        _("Het gesprek voeren, ook op de kanalen en platforms van anderen waar het gesprek plaatsvindt."),
        _("Samenwerken met inwoners en partners: co-creatie, participatie en crowdprocessen."),
    )),
    Question("interactie_reactie", Axis.INTERACTION,
             _("Hoe reageert uw gemeente op vragen en opmerkingen die online worden geuit?"), (
        _("Af en toe, als iemand er tijd voor heeft; het kanaal is vaak niet bemenst."),
        _("Eenvoudige vragen worden binnen kantoortijden beantwoord; niet alle producten en diensten zijn online."),
        _("Overal zoals inwoners verwachten: vakinhoudelijk, professioneel en ook buiten kantoortijden."),
        _("We pakken signalen samen met inwoners en partners op, ongeacht het medium of het kanaal."),
    )),
    Question("interactie_crisis", Axis.INTERACTION,
             _("Hoe zet uw gemeente online media in bij een incident of crisis?"), (
        _("Nauwelijks; er zijn geen afspraken over sociale media bij crisiscommunicatie."),
        _("We zijn aanwezig op de belangrijkste sociale media, maar het is nog wat rommelig."),
        _("Sociale media zijn een vast onderdeel van de crisiscommunicatie en we luisteren actief mee."),
        _("We werken online samen met inwoners, hulpdiensten en andere overheden aan de aanpak."),
    )),
    Question("initiatief_rol", Axis.INITIATIVE,
             _("Welke rol neemt uw gemeente meestal bij initiatieven in de gemeenschap?"), (
        _("Normerend: de gemeente bepaalt zelf en stelt de kaders."),
        _("Regisserend: de gemeente verkent haar rol en sluit soms aan, zonder trekker te willen zijn."),
        _("Faciliterend of deelnemend: de gemeente neemt zelf initiatief of sluit bewust aan (of juist niet)."),
        _("Per initiatief de rol die past, ook loslaten: loslaten waar het kan, regisseren waar het moet."),
    )),
    Question("initiatief_signalen", Axis.INITIATIVE,
             _("Hoe merkt uw gemeente online initiatieven en signalen uit de gemeenschap op?"), (
        _("Nauwelijks; we kijken vooral naar onze eigen berichten."),
        _("Regelmatig, maar nog niet structureel."),
        _("Structureel; opmerkingen over de gemeente en politieke dossiers worden opgepakt."),
        _("Wat er in de gemeenschap speelt is het vertrekpunt van ons werk."),
    )),
    Question("initiatief_bron", Axis.INITIATIVE, _("Waar ligt het initiatief bij online participatie?"), (
        _("Bij de gemeente: wij zenden en informeren."),
        _("Meestal bij de gemeente; bij een enkel initiatief uit de gemeenschap sluiten we aan."),
        _("Zowel bij de gemeente als bij de gemeenschap; we kiezen bewust wanneer we aansluiten."),
        _("Bij wie het best past; het resultaat is het uitgangspunt, de weg ernaartoe kent vele routes."),
    )),
    Question("eigenaarschap_breedte", Axis.OWNERSHIP,
             _("Hoe breed is het werken met sociale media geland in uw organisatie?"), (
        _("Bij enkele enthousiastelingen, de early adopters (ambtenaren 2.0)."),
        _("Bij trend- en innovatiegevoelige onderdelen, zoals communicatie en de klantcontactafdeling."),
        _("In de hele organisatie, ook bij proceseigenaren en het middenmanagement."),
        _("De organisatie is naadloos verbonden met elk initiatief en elk intern of extern netwerk."),
    )),
    Question("eigenaarschap_borging", Axis.OWNERSHIP, _("Hoe is het geborgd in budget en besluitvorming?"), (
        _("Niet: het is ad hoc en niet vastgelegd in beleid."),
        _("Keuzes staan in een startnotitie, een MT-lid of bestuurder is sponsor; budgetten zijn ad hoc."),
        _("Er zijn structurele budgetten en de organisatie stuurt erop."),
        _("Het is vanzelfsprekend onderdeel van elk project en proces, los van medium of technologie."),
    )),
    Question("eigenaarschap_bekwaamheid", Axis.OWNERSHIP, _("Welke beschrijving past het best bij uw organisatie?"), (
        _("Onbewust onbekwaam: we zien de mogelijkheden van online media en samenwerking (nog) niet."),
        _("Bewust onbekwaam: we zien de mogelijkheden wel, maar passen ze nog niet toe."),
        _("Bewust bekwaam: we benutten de mogelijkheden, bewust en met aandacht."),
        _("Onbewust bekwaam: interactie en samenwerking zijn vanzelf ontstaan en gegroeid."),
    )),
)

QUESTION_KEYS: tuple[str, ...] = tuple(q.key for q in QUESTIONS)


@dataclass(frozen=True)
class MaturityScore:
    """The outcome of one self-assessment: a phase per axis and overall."""

    axes: dict[str, int]
    overall: int

    @property
    def next_phase(self) -> int:
        """The phase to work towards (phase 4 stays phase 4: deepen it)."""
        return min(self.overall + 1, MaturityPhase.WERKT_SAMEN)


class InvalidAnswers(ValueError):
    pass


def reached_phase(values: list[int]) -> int:
    """The phase at least half of the signals reach: the median, the lower one for an even count."""
    if not values:
        raise InvalidAnswers("no answers")
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def score(answers: dict[str, int]) -> MaturityScore:
    """Map the answers (question key -> phase 1–4 of the chosen answer) to a phase per axis and overall.

    Every question must be answered with a phase 1–4; otherwise InvalidAnswers is raised.
    """
    missing = [key for key in QUESTION_KEYS if key not in answers]
    if missing:
        raise InvalidAnswers(f"unanswered: {', '.join(missing)}")
    for key in QUESTION_KEYS:
        value = answers[key]
        if isinstance(value, bool) or not isinstance(value, int) or value not in MaturityPhase.values:
            raise InvalidAnswers(f"{key}: {value!r} is not a phase 1–4")
    axes = {axis: reached_phase([answers[q.key] for q in QUESTIONS if q.axis == axis]) for axis in AXES}
    return MaturityScore(axes=axes, overall=reached_phase(list(axes.values())))
