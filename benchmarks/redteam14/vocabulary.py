"""What viewers, scanners and lecturers legitimately draw on a teaching picture (red team 14).

Written for this pass from the radiologist's side: none of it identifies a patient. Each list is a
kind of harmless text; the generator picks from them per modality and per corner. The identifying
twins' made-up headers are at the end (names assembled from two lists, never a real record).
"""

from __future__ import annotations

WINDOW = ["W: 400 L: 40", "WW 350 WL 50", "W/L: 1500/-600", "WW/WL 80/40", "C: 40 W: 400",
          "W 2000 C 500", "WL: 35 WW: 90", "Window 1600 Level -550"]
IMAGE_NO = ["Im: 34/120", "Se: 3", "Img 12 of 48", "Slice 45/210", "Image: 7", "Ser: 602",
            "Im 88", "Se 4 Im 121", "IMA 17", "Frame 23/60"]
THICKNESS = ["Thk: 5.0 mm", "ST 1.25mm", "Slice thickness 3 mm", "Loc: -123.5", "SL 2.0",
             "Pos: 45.5 mm", "Z: -310.0"]
DOSE = ["kV 120  mAs 250", "CTDIvol: 12.4 mGy", "DLP: 540 mGy*cm", "120 kVp", "mA 300",
        "Pitch 0.98", "Rot 0.5 s", "CTDIvol 8.91 mGy  DLP 412.6", "kVp: 100  mA: 180", "Eff. mAs 95"]
MEASURE = ["12.3 mm", "Area: 2.1 cm²", "HU: 45 ± 12", "Mean 38.2 SD 9.1", "Angle 32.5°", "D1 4.2 cm",
           "Len: 27.8 mm", "Vol 14.6 ml", "SUVmax 8.4", "Max: 120 Min: -30", "A: 3.4 cm2",
           "Dist 41.0 mm", "1: 18.6 mm", "2: 9.9 mm", "Cobb 24°", "Avg: 52 HU", "Std Dev: 7.3"]
ROI = ["ROI 1", "ROI 2", "R1", "Lesion A", "Target 1", "ROI-3", "Ellipse 1", "Region 2"]
SEQUENCE = ["T2 FLAIR", "DWI b1000", "ADC", "T1 MPRAGE", "T2 TSE", "SWI", "STIR COR", "T1 FS +C",
            "3D TOF", "DCE", "T2* GRE", "T1 VIBE post", "HASTE", "TrueFISP", "PD FS SAG"]
MR_TECH = ["TR 4500 TE 95", "TR: 600.0  TE: 12.0", "FA 90", "ET: 16", "FOV 230 x 230",
           "Matrix 320x256", "NEX 2", "3.0T", "1.5T", "BW 250 Hz/px"]
US_READOUT = ["FR 32 Hz", "Gain 56", "DR 60", "C5-1", "L12-5", "MI 1.1  TIs 0.4", "Depth 16 cm",
              "Freq 5.0 MHz", "PW", "CFM", "PRF 3.5 kHz", "Vel 42 cm/s", "RI 0.68", "PSV 88 cm/s"]
US_LABEL = ["LIVER LONG", "RT KIDNEY TRV", "LT KIDNEY SAG", "GB", "CBD", "THYROID RT",
            "BLADDER PRE", "UTERUS SAG", "RUQ", "AORTA PROX", "TESTIS LT"]
NM_READOUT = ["Tc-99m MDP", "ANT", "POST", "Counts 850k", "F-18 FDG", "60 min p.i.", "Matrix 256x256",
              "Ga-68 PSMA", "I-123 MIBG", "SUV bw", "Time 20:00 min", "Tc-99m MAG3"]
MAMMO = ["RCC", "LMLO", "Compression 12 daN", "Thickness 52 mm", "AGD 1.42 mGy", "Tomo",
         "LCC", "RMLO", "28 kV 85 mAs", "W/Rh", "Force 98 N"]
ANGIO = ["LAO 30 CRA 20", "RAO 15", "15 f/s", "DSA", "Fluoro time 04:12", "Air Kerma 210 mGy",
         "DAP 34.5 Gy*cm2", "CAU 25", "Roadmap", "FD 22 cm"]
XR = ["PA ERECT", "AP SUPINE", "LAT", "80 kV 2.5 mAs", "SID 180 cm", "EI 320", "DI 0.4", "Grid",
      "AP PORTABLE", "WEIGHT BEARING", "OBLIQUE", "EXPIRATION"]
STUDY = ["CT ABDOMEN PELVIS W CONTRAST", "MRI BRAIN W/WO", "CT CHEST HRCT", "XR CHEST PA",
         "US ABDOMEN COMPLETE", "NM BONE SCAN WHOLE BODY", "MAMMO SCREENING BILAT",
         "CTA CIRCLE OF WILLIS", "MRI LUMBAR SPINE W/O", "CT HEAD W/O", "CT PULMONARY ANGIOGRAM",
         "MR PROSTATE MULTIPARAMETRIC", "PET-CT SKULL BASE TO THIGH", "XR KNEE 3 VIEWS",
         "MRI KNEE LEFT", "CT KUB", "US PELVIS TRANSVAGINAL", "FL BARIUM SWALLOW"]
ANATOMY = ["Douglas pouch", "pouch of Douglas", "Morison pouch", "Liver", "Spleen", "Aorta", "IVC",
           "Left kidney", "Circle of Willis", "Sylvian fissure", "Foramen of Monro", "Meckel's cave",
           "Hunter's canal", "Calot's triangle", "Gerota fascia", "Glisson capsule", "Sphincter of Oddi",
           "Ampulla of Vater", "Wharton duct", "Stensen duct", "Eustachian tube", "Bochdalek hernia",
           "Morgagni hernia", "Pancreas", "Portal vein", "Falx", "Pons", "Cerebellum", "Bladder",
           "Psoas", "Trachea", "Carina", "SMA", "Ligament of Treitz", "Space of Retzius",
           "Canal of Nuck", "Winslow foramen", "Rathke cleft"]
EPONYM = ["Hampton's hump", "Kerley B lines", "Chilaiditi sign", "Wilms tumour", "Crohn disease",
          "Hodgkin lymphoma", "Baker cyst", "Schmorl node", "Ewing sarcoma", "Paget disease of bone",
          "Pancoast tumour", "Klatskin tumour", "Budd-Chiari syndrome", "Westermark sign",
          "Fleischner sign", "Rigler sign", "Golden S sign", "Bosniak IIF", "Salter-Harris II",
          "Garden III", "Weber B", "Lisfranc injury", "Monteggia fracture", "Colles fracture",
          "Jefferson fracture", "Hangman fracture", "Chance fracture", "Segond fracture",
          "Hill-Sachs lesion", "Bankart lesion", "Osgood-Schlatter", "Kienbock disease",
          "Madelung deformity", "Takayasu arteritis", "Dandy-Walker malformation", "Chiari I",
          "Sturge-Weber", "von Hippel-Lindau", "Caroli disease", "Menetrier disease",
          "Zenker diverticulum", "Boerhaave syndrome", "Mallory-Weiss tear", "Meckel diverticulum",
          "Hirschsprung disease", "Wilson disease", "Fahr disease", "Graves disease",
          "Brodie abscess", "Morton neuroma", "Perthes disease", "Riedel lobe", "Virchow node"]
CAPTION_LEAD = ["Fig. 2", "Fig. 4b:", "Case 3", "Case 12:", "Figure 1.", "Quiz 5", "Fig 7 -",
                "Image 2:", "Teaching case 8", "Answer:"]
MARKER = ["ANONYMISED", "ANONYMOUS", "Anonymized", "Patient: ANONYMOUS", "ANON", "De-identified",
          "Name: Anonymised", "Patient ID: ANON", "Anonymous^Patient"]
CONFERENCE = ["RSNA 2024", "ECR 2025 Vienna", "UKIO 2024 Liverpool", "ESGAR 2023", "BIR Annual Congress",
              "ISMRM 2024 Singapore", "ESSR 2025", "Radiology Grand Rounds 12 March 2024",
              "Teaching session 14/05/2025", "FRCR Part 2B revision, June 2025", "ESTI 2024 Oxford",
              "Journal club 03.10.2024", "Registrar teaching - 21 Nov 2024"]
COPYRIGHT = ["© 2024 Radiology Dept", "© 2023 Dept of Radiology, teaching use only",
             "For teaching purposes only", "Not for diagnostic use", "(c) 2025 Imaging Department",
             "Courtesy of the Radiology Department", "Reproduced with permission"]
VENDOR = ["SIEMENS", "SOMATOM Force", "GE MEDICAL SYSTEMS", "Revolution CT", "Philips Ingenia 3.0T",
          "Canon Aquilion ONE", "MAGNETOM Vida", "SIGNA Premier", "Toshiba Aplio i800",
          "Hologic Selenia Dimensions", "FUJIFILM", "Agfa", "Carestream DRX", "Philips EPIQ 7",
          "GE LOGIQ E10", "Siemens Biograph Vision", "Canon Alphenix", "Philips Azurion"]
MENU = ["File  Edit  View  Image  Tools  Window  Help", "File  View  Series  Annotate  Export  Help",
        "Study  Image  Measure  Layout  Options", "File Edit View Tools Help"]
TOOLBAR = ["Zoom  Pan  W/L  Measure  Angle  ROI  Reset", "Cine  MPR  3D  Invert  Flip  Rotate",
           "Layout 2x2  Sync  Link  Reference lines", "Length  Ellipse  Arrow  Text  Probe",
           "Stack  Scroll  Magnify  Export"]
STATUS = ["Zoom: 150%", "x: 234 y: 118  Val: 45 HU", "Zoom 2.0x  Rot 0", "Fit to window",
          "Pixel: 0.68 mm", "Ready", "Frame rate 25 fps"]
SERIES_PANEL = ["Series 2  Axial 5mm", "Series 3  Cor MPR", "120 img", "Se 5: SAG T2", "Scout",
                "Series 601  DWI", "Localizer", "Dose report"]
ORIENT = ["L", "R", "A", "P", "H", "F", "S", "I"]

SURNAMES = ["HARTWELL", "OKAFOR", "LINDQVIST", "PEMBERTON", "ACHTERBERG", "QUILLIAN", "MORCOMBE",
            "DRISCOLL", "VANTERPOOL", "NAKASHIMA", "FERREIRA", "ABERNETHY"]
GIVEN = ["Imogen", "Tobias", "Adaeze", "Magnus", "Priya", "Rosalind", "Declan", "Yusuf", "Ingrid",
         "Caspar", "Leonie", "Oisin"]
