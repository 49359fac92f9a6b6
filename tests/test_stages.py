"""Unit tests of the stage functions: entities, relations and graph building, on short texts."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS

from pipeline.entities import extract_entities
from pipeline.graph import NKG, NKR, build_graph, serialize_turtle, slug, validate
from pipeline.relations import extract_relations, is_fact


def analyse(nlp, text: str) -> tuple[dict, dict]:
    doc = nlp(text)
    entities = extract_entities(doc)
    return entities, extract_relations(doc, entities)


def named_facts(nlp, text: str) -> set[tuple[str, str, str]]:
    entities, relations = analyse(nlp, text)
    names = {e["key"]: e["name"] for e in entities["entities"] + relations["entities"]}
    return {(names[r["subject"]], r["predicate"], names[r["object"]]) for r in relations["relations"] if is_fact(r)}


def test_entities_resolve_states_and_merge_people(nlp) -> None:
    record = extract_entities(nlp(
        "President Emmanuel Macron of France spoke to reporters in Paris. Macron said British and "
        "Russian-made equipment was discussed with the Kremlin."))
    by_key = {e["key"]: e for e in record["entities"]}
    people = [e for e in record["entities"] if e["type"] == "Person"]
    assert [p["name"] for p in people] == ["Emmanuel Macron"]
    mentions = [m for m in record["mentions"] if m["entity"] == people[0]["key"]]
    assert len(mentions) == 2 and mentions[1]["via"] == "surname"
    states = {e["name"]: e for e in record["entities"] if e["type"] == "Country"}
    assert {"France", "United Kingdom", "Russia"} <= set(states)
    vias = {(m["text"], m["via"]) for m in record["mentions"]}
    assert ("Paris", "seat") in vias and ("the Kremlin", "seat") in vias and ("Russian", "demonym") in vias
    assert states["Russia"]["qid"] == "Q159"
    # a capital or seat stands for the state but names a city or building: kept apart from the state's names
    assert "Paris" in states["France"]["seat_names"] and "Paris" not in states["France"]["surface_forms"]
    assert "Russian" in states["Russia"]["surface_forms"] and "Kremlin" in states["Russia"]["seat_names"]
    assert all(k in by_key for k in {m["entity"] for m in record["mentions"]})


@pytest.mark.parametrize("text, expected", [
    ("Spain sent Leopard 2 tanks to Ukraine last spring.", ("Spain", "suppliesWeaponsTo", "Ukraine")),
    ("Artillery shells were shipped to Israel by the United States.", ("United States", "suppliesWeaponsTo", "Israel")),
    ("Morocco bought drones from Turkey in 2021.", ("Turkey", "suppliesWeaponsTo", "Morocco")),
    ("Hungary will receive new air defence systems from Israel.", ("Israel", "suppliesWeaponsTo", "Hungary")),
    ("Soldiers of Mali fired Turkish-made drones at the convoy.", ("Turkey", "suppliesWeaponsTo", "Mali")),
    ("Greece approved the sale of Mirage jets to Egypt.", ("Greece", "suppliesWeaponsTo", "Egypt")),
    ("President Cyril Ramaphosa of South Africa opened the parliament session.", ("Cyril Ramaphosa", "leaderOf", "South Africa")),
    ("Brazilian President Luiz Inacio Lula da Silva visited Angola.", ("Luiz Inacio Lula da Silva", "leaderOf", "Brazil")),
    ("Finland's prime minister, Petteri Orpo, met reporters.", ("Petteri Orpo", "leaderOf", "Finland")),
    ("Japan has stationed Patriot missile batteries on Okinawa.", ("Japan", "deploys", "Patriot")),
    ("Canada will deploy more troops to Latvia next year.", ("Canada", "deploys", "troops")),
    ("Vietnam completed the purchase of coastal radars and missiles from India.", ("India", "suppliesWeaponsTo", "Vietnam")),
    ("France has become Greece's biggest supplier of military equipment.", ("France", "suppliesWeaponsTo", "Greece")),
    ("Chad took delivery of the Turkish-made drones in May.", ("Turkey", "suppliesWeaponsTo", "Chad")),
    ("Romanian troops and their armoured vehicles arrived in Moldova on Monday.", ("Romania", "deploys", "troops")),
    ("Two battalions will be stationed in Latvia, made up of soldiers from Spain and Italy.", ("Spain", "deploys", "soldiers")),
    ("The Pentagon ordered two destroyers to sail to the Red Sea.", ("United States", "deploys", "destroyers")),
    ("A British convoy of three frigates docked in Oman on Monday.", ("United Kingdom", "deploys", "frigates")),
    ("Two Chinese destroyers docked in Colombo on Monday.", ("China", "deploys", "destroyers")),
    ("The ships will drill with two Chinese corvettes that have been docked at Ream for five months.",
     ("China", "deploys", "corvettes")),
    ("Hundreds of Russian troops arrived in Mali.", ("Russia", "deploys", "troops")),
    # a weapon's name in the plural
    ("Pakistan bought the J-10C in answer to the Rafales bought by India from France.",
     ("France", "suppliesWeaponsTo", "India")),
    ("Thailand took delivery of four more Gripens from Sweden.", ("Sweden", "suppliesWeaponsTo", "Thailand")),
    # the use of weapons of another state's make, told with a noun
    ("Kyiv condemned the growing use of Iranian drones by Russia.", ("Iran", "suppliesWeaponsTo", "Russia")),
    ("Analysts pointed to Egypt's deployment of French Rafale jets.", ("France", "suppliesWeaponsTo", "Egypt")),
    ("An air base in Manila received new BrahMos missiles from India.", ("India", "suppliesWeaponsTo", "Philippines")),
    ("Poland has signed a deal for 250 Abrams tanks. The tanks will be delivered by the United States from 2025.",
     ("United States", "suppliesWeaponsTo", "Poland")),
    ("Ukraine received the first batch of F-16s this summer. The jets were donated by Denmark.",
     ("Denmark", "suppliesWeaponsTo", "Ukraine")),
    ("Morocco has ordered 13 Bayraktar drones. Turkey will deliver them next year.",
     ("Turkey", "suppliesWeaponsTo", "Morocco")),
    ("India bought the S-400 in 2018. Russia has delivered the system.", ("Russia", "suppliesWeaponsTo", "India")),
    ("Russia used Shahed drones against Kyiv. The drones were supplied by Iran.", ("Iran", "suppliesWeaponsTo", "Russia")),
    ("Greece paraded its new jets in Athens on Sunday. The jets were donated by France.",
     ("France", "suppliesWeaponsTo", "Greece")),
    ("Germany approved a package of Leopard tanks. Ukraine will receive the tanks by March.",
     ("Germany", "suppliesWeaponsTo", "Ukraine")),
    ("Lockheed Martin won a contract for 32 F-35 jets. Poland will receive the jets from 2024.",
     ("Lockheed Martin", "suppliesWeaponsTo", "Poland")),
    ("Egypt ordered 30 Rafale jets. Dassault Aviation is building the jets at its plant.",
     ("Dassault Aviation", "suppliesWeaponsTo", "Egypt")),
    ("Wagner fighters are operating in Mali.", ("Wagner Group", "deploys", "fighters")),
    ("Chad has contributed 1,400 troops to the UN mission in Mali.", ("Chad", "deploys", "troops")),
    ("The minister said he had ordered Danish warships to move closer to Greenland.", ("Denmark", "deploys", "warships")),
    ("Egypt, which is armed and financed by the United States, held a parade.", ("United States", "suppliesWeaponsTo", "Egypt")),
    ("The government in Oslo ordered howitzers from Germany.", ("Germany", "suppliesWeaponsTo", "Norway")),
    ("Vietnam protested the deployment of the Chinese HQ-9 system on the islands.", ("China", "deploys", "HQ-9")),
    ("Kyiv hailed a decision by Norway to provide howitzers to Ukraine.", ("Norway", "suppliesWeaponsTo", "Ukraine")),
    ("The United States keeps about 28,000 troops in South Korea.", ("United States", "deploys", "troops")),
    ("Poland hosts 10,000 US troops.", ("United States", "deploys", "troops")),
    ("Norwegian Defence Minister Kari Holm announced the delivery to Ukraine of eight howitzers from army stocks.",
     ("Norway", "suppliesWeaponsTo", "Ukraine")),
    ("Beijing protested the installation in the northern Philippines of a US missile launcher last year.",
     ("United States", "deploys", "missile launcher")),
    ("Japan said it detected six Chinese warships near Yonaguni on Monday.", ("China", "deploys", "warships")),
    ("Latvia received Swedish howitzers in March.", ("Sweden", "suppliesWeaponsTo", "Latvia")),
    ("Estonia has taken delivery of six long-range American rocket launchers.",
     ("United States", "suppliesWeaponsTo", "Estonia")),
    ("Chile's purchase of Israeli drones was completed.", ("Israel", "suppliesWeaponsTo", "Chile")),
    ("Turkey, along with Iran and Qatar, has supplied Sudan with drones.", ("Qatar", "suppliesWeaponsTo", "Sudan")),
    ("Turkey, together with Iran, supplied Sudan with drones.", ("Iran", "suppliesWeaponsTo", "Sudan")),
    ("Vietnam has moved in two more tank regiments near the border.", ("Vietnam", "deploys", "tank regiments")),
    ("Niger has taken delivery of attack helicopters from Turkey.", ("Turkey", "suppliesWeaponsTo", "Niger")),
    ("Peru has struck a deal to supply rifles to Bolivia.", ("Peru", "suppliesWeaponsTo", "Bolivia")),
    ("Turkey sold drones to countries such as Kenya and Niger.", ("Turkey", "suppliesWeaponsTo", "Niger")),
    ("Spain promised Leopard battle tanks to Latvia.", ("Spain", "suppliesWeaponsTo", "Latvia")),
    ("Ghana bought two patrol frigates built by China in 2016.", ("China", "suppliesWeaponsTo", "Ghana")),
    ("Sweden has exported around 200 units of Archer howitzers to Croatia and Brazil.",
     ("Sweden", "suppliesWeaponsTo", "Croatia")),
    ("Turkey sold drones to countries including Kenya and Niger.", ("Turkey", "suppliesWeaponsTo", "Kenya")),
    ("The drones, which Iran has been supplying to Sudan, were seen over Darfur.", ("Iran", "suppliesWeaponsTo", "Sudan")),
    ("Ecuador bought rifles worth 20 million dollars from Brazil last year.", ("Brazil", "suppliesWeaponsTo", "Ecuador")),
    ("China will deploy 12 warships and supporting vessels to the Yellow Sea.", ("China", "deploys", "vessels")),
    ("Belarus is sending two battalions of S-300 missile systems to Serbia for a drill next month.",
     ("Belarus", "deploys", "S-300")),
    ("As Russia sends bombers to Cuba, the Pentagon is stopping short of a reply.", ("Russia", "deploys", "bombers")),
    ("Brazil is the region's largest arms importer after Colombia and Chile. Its arms purchases doubled over the "
     "decade and it has widened its sources, buying rifles from Belgium and Spain.",
     ("Belgium", "suppliesWeaponsTo", "Brazil")),
    # session 4: patrol craft, partitives, origins of weapons delivered, arrivals, makers building for a party,
    # troops committed, forces sent by a state
    ("Nigeria handed over two patrol boats to Benin on Monday.", ("Nigeria", "suppliesWeaponsTo", "Benin")),
    ("Greece received the first four of a total of 18 Rafale fighter jets from France on Tuesday.",
     ("France", "suppliesWeaponsTo", "Greece")),
    ("The loitering munitions purchased from Israel were delivered to Azerbaijan last month.",
     ("Israel", "suppliesWeaponsTo", "Azerbaijan")),
    ("A shipment of 500 artillery shells from Germany arrived in Lithuania overnight.",
     ("Germany", "suppliesWeaponsTo", "Lithuania")),
    ("The two leaders launched a corvette built by Turkey for the Pakistan Navy.",
     ("Turkey", "suppliesWeaponsTo", "Pakistan")),
    ("Rheinmetall makes artillery shells for Ukraine at its plant in Unterluss.",
     ("Rheinmetall", "suppliesWeaponsTo", "Ukraine")),
    ("Egypt has committed 1,091 troops to the African Union mission.", ("Egypt", "deploys", "troops")),
    ("Forces sent by Iran earlier this year helped the militia hold the city.", ("Iran", "deploys", "Forces")),
    ("The Army of Niger deployed 500 troops to the border.", ("Army of Niger", "deploys", "troops")),
    ("Chad has received 20 armoured vehicles under a deal with Turkey.", ("Turkey", "suppliesWeaponsTo", "Chad")),
    ("Peru has close ties with Israel, with the former having bought rifles from the latter for years.",
     ("Israel", "suppliesWeaponsTo", "Peru")),
    ("Germany is sending thousands of assault rifles to the Peshmerga.", ("Germany", "suppliesWeaponsTo", "Peshmerga")),
    ("India handed over a patrol vessel to the Maldives National Defence Force on Tuesday.",
     ("India", "suppliesWeaponsTo", "Maldives")),
    ("A Royal Navy warship will be sent to Guyana, the government said.", ("United Kingdom", "deploys", "warship")),
    ("The US Navy sent a destroyer to the Gulf.", ("United States Navy", "deploys", "destroyer")),
    ("Peru ordered 2,000 soldiers to the border with Ecuador.", ("Peru", "deploys", "soldiers")),
    ("US President Donald Trump spoke on Monday. Cuba reacted after the Trump administration deployed warships "
     "to the Caribbean.", ("United States", "deploys", "warships")),
    ("Chile said it sent 500 “trained” troops to the north.", ("Chile", "deploys", "trained troops")),
    ("Indonesia signed the deal with France on Monday. The Asian country ordered 42 Rafale jets from Dassault.",
     ("Dassault Aviation", "suppliesWeaponsTo", "Indonesia")),
    ("Peru thanked Spain for the rifles. The South American nation bought 20 tanks from Spain.",
     ("Spain", "suppliesWeaponsTo", "Peru")),
    ("Russia sent 100 fighters to Mali as instructors.", ("Russia", "deploys", "fighters")),
    # session 5: a supplier named before a supply noun, a supply noun inside a deal, the state of a force
    # deploying, ships docked or anchored, coordinated owners
    ("The last US arms sales to Taiwan were approved in March.", ("United States", "suppliesWeaponsTo", "Taiwan")),
    ("Washington has approved three deals of weapon sales to Taiwan this year.",
     ("United States", "suppliesWeaponsTo", "Taiwan")),
    ("The Royal Navy deployed two frigates to the Red Sea last month.", ("United Kingdom", "deploys", "frigates")),
    ("The Royal Navy deployed two frigates to the Red Sea last month.", ("Royal Navy", "deploys", "frigates")),
    ("Two Chinese warships docked at a commercial port in Cambodia on Sunday.", ("China", "deploys", "warships")),
    ("Two Chinese warships are anchored at a Cambodian port.", ("China", "deploys", "warships")),
    ("Russian and Belarusian troops have already arrived in Kazakhstan.", ("Belarus", "deploys", "troops")),
    ("Peru selected Embraer to supply six attack aircraft for the Peruvian Air Force.",
     ("Embraer", "suppliesWeaponsTo", "Peru")),
    ("US troops will deploy to Romania next month.", ("United States", "deploys", "troops")),
    ("Rwanda supported the M23 rebels with weapons and ammunition.", ("Rwanda", "suppliesWeaponsTo", "M23")),
    ("In 2018, India signed a deal with Russia to buy five units of the S-400 air defence system.",
     ("Russia", "suppliesWeaponsTo", "India")),
    ("Kazakhstan was the first neighbour of Afghanistan that deployed fresh troops to the border.",
     ("Kazakhstan", "deploys", "fresh troops")),
    ("Poland has sent the first K2 tanks to the 9th Armored Cavalry Brigade in Braniewo.",
     ("Poland", "deploys", "K2 Black Panther")),
    ("The president hailed the arrival of Peru's first six F-16 jets purchased from Denmark.",
     ("Denmark", "suppliesWeaponsTo", "Peru")),
    ("They replace Peru's French Mirage jets, the last of which were retired in 2017.",
     ("France", "suppliesWeaponsTo", "Peru")),
    ("Several hundred Wagner fighters have arrived in the Central African Republic.",
     ("Wagner Group", "deploys", "fighters")),
    ("Azerbaijan is using Israeli kamikaze drones in strikes against Armenian forces.",
     ("Israel", "suppliesWeaponsTo", "Azerbaijan")),
    ("The Chilean Air Force unveiled the first of 36 Gripen fighter jets bought from Saab.",
     ("Saab", "suppliesWeaponsTo", "Chile")),
    ("Norway has received the first K9 howitzers, handed over to it by the South Korean company Hanwha.",
     ("Hanwha Aerospace", "suppliesWeaponsTo", "Norway")),
    ("Greece signed a contract with Dassault for the construction and delivery of 18 Rafale jets.",
     ("Dassault Aviation", "suppliesWeaponsTo", "Greece")),
    ("Rheinmetall says millions of rounds of ammunition made by the company have been sent to Ukraine.",
     ("Rheinmetall", "suppliesWeaponsTo", "Ukraine")),
    # Added 2026-12-06 (session 6)
    ("Finland's defence minister said that his country will send artillery shells to Estonia.",
     ("Finland", "suppliesWeaponsTo", "Estonia")),
    ("Danish Defence Minister Lars Holm said his country would donate six jets to Ukraine.",
     ("Denmark", "suppliesWeaponsTo", "Ukraine")),
    ("The Kenyan navy's patrol ships were donated by allies such as France and Italy.",
     ("Italy", "suppliesWeaponsTo", "Kenya")),
    ("Most of the vessels in the Ghanaian fleet are ships bought from or donated by partners such as Germany "
     "and China.", ("China", "suppliesWeaponsTo", "Ghana")),
    ("Hamas is among the groups that have received rifles from Iran.", ("Iran", "suppliesWeaponsTo", "Hamas")),
    ("Chile is one of the countries that bought tanks from Germany.", ("Germany", "suppliesWeaponsTo", "Chile")),
    ("A shipment of India's artillery shells has reached Armenia.", ("India", "suppliesWeaponsTo", "Armenia")),
    ("A cargo containing Indian rocket launchers has reached Armenia.", ("India", "suppliesWeaponsTo", "Armenia")),
    ("The Turkish firm Baykar handed over six drones to the Kenyan Air Force.", ("Baykar", "suppliesWeaponsTo", "Kenya")),
    ("Peru ordered two offshore patrol vessels from Navantia.", ("Navantia", "suppliesWeaponsTo", "Peru")),
    ("The U.S. Army tested a new radar in Texas. Lockheed Martin won a contract to supply the Army with 18 of the "
     "radars.", ("Lockheed Martin", "suppliesWeaponsTo", "United States")),
    ("The panel said there was evidence that the Burundian army intervened in Congo's fight against M23 rebels, and "
     "that it had supported the group with weapons, fuel and uniforms.", ("Burundi", "suppliesWeaponsTo", "M23")),
    ("Under a deal between South Korea and Poland, Poland received 180 K2 tanks last year.",
     ("South Korea", "suppliesWeaponsTo", "Poland")),
    ("Kenya deployed 400 members of its army to Haiti.", ("Kenya", "deploys", "personnel")),
    ("Bangladesh announced the purchase of 44 light tanks produced by China North Industries Corp.",
     ("NORINCO", "suppliesWeaponsTo", "Bangladesh")),
    ("Shoulder-launched missiles such as the Stinger missiles supplied by Germany to Ukraine have a short range.",
     ("Germany", "suppliesWeaponsTo", "Ukraine")),
    ("The UK is preparing to send a warship to Guyana in a show of support.", ("United Kingdom", "deploys", "warship")),
    ("The first four Brazilian-built Embraer A-29 Super Tucano aircraft will arrive in Paraguay on Friday.",
     ("Embraer", "suppliesWeaponsTo", "Paraguay")),
    ("At the parade, the Serbian military displayed the Russian Pantsir air defence system.",
     ("Russia", "suppliesWeaponsTo", "Serbia")),
    ("The radars were delivered to Vietnam under a US assistance programme.",
     ("United States", "suppliesWeaponsTo", "Vietnam")),
    ("Azerbaijan now joins Myanmar and Nigeria as purchasers of JF-17 jets from Pakistan.",
     ("Pakistan", "suppliesWeaponsTo", "Nigeria")),
    ("Ukraine has received a delivery of the German IRIS-T air defence system.",
     ("Germany", "suppliesWeaponsTo", "Ukraine")),
    ("The report recalled the kidnapping of 45 Fijian peacekeepers deployed in the Golan Heights by rebel militants.",
     ("Fiji", "deploys", "peacekeeping troops")),
    ("The Pentagon said Sunday it will send an air defence system along with about 100 US troops to Israel.",
     ("United States", "deploys", "troops")),
    ("The US has moved an aircraft carrier to the Arabian Sea.", ("United States", "deploys", "aircraft carrier")),
    ("About 1,000 British soldiers rotate through Kenya each year.", ("United Kingdom", "deploys", "soldiers")),
    ("The Pentagon ordered the USS Nimitz carrier strike group to the Gulf of Oman.",
     ("United States", "deploys", "USS Nimitz")),
    ("Chinese warships sailed through the Taiwan Strait on Monday.", ("China", "deploys", "warships")),
    ("The United States announced a $300 million military aid package for Ukraine, including HIMARS ammunition.",
     ("United States", "suppliesWeaponsTo", "Ukraine")),
    ("The German government gave the green light for the delivery of Leopard 2 tanks to Ukraine.",
     ("Germany", "suppliesWeaponsTo", "Ukraine")),
    ("The Pentagon awarded Lockheed Martin a contract to build 20 F-35s for Poland.",
     ("Lockheed Martin", "suppliesWeaponsTo", "Poland")),
    ("The drones, made in Iran, were shipped to Russia via the Caspian Sea.", ("Iran", "suppliesWeaponsTo", "Russia")),
    ("Poland signed a contract with Hanwha for 212 K9 howitzers.", ("Hanwha Aerospace", "suppliesWeaponsTo", "Poland")),
    ("Poland signed a deal with South Korea for 180 K2 tanks.", ("South Korea", "suppliesWeaponsTo", "Poland")),
    ("Rheinmetall signed a contract with the German army for 20 tanks.", ("Rheinmetall", "suppliesWeaponsTo", "Germany")),
    ("The Royal Navy's HMS Queen Elizabeth arrived in Tokyo.", ("United Kingdom", "deploys", "HMS Queen Elizabeth")),
    ("The Sri Lanka Army sent troops to Mali. Army Media said the Army would also deploy two battalions to Mali.",
     ("Sri Lanka Army", "deploys", "battalions")),
    ("Iran smuggled missiles by sea to the Houthis.", ("Iran", "suppliesWeaponsTo", "Houthis")),
    ("A Danish contingent will replace the French later this year.", ("Denmark", "deploys", "contingent")),
    ("Kenyan troops joined the African Union force in Somalia in 2011.", ("Kenya", "deploys", "troops")),
    ("Fijian soldiers serve in the Golan Heights.", ("Fiji", "deploys", "soldiers")),
    ("British army equipment including tanks and self-propelled guns on Wednesday arrived by boat in Estonia.",
     ("United Kingdom", "deploys", "tanks")),
    ("Two groups of Ethiopian soldiers also arrived in Darfur over the weekend.", ("Ethiopia", "deploys", "soldiers")),
    ("Fiji bought ten Bushmasters from Australia in 2017 to enhance the capabilities of its forces deployed on United "
     "Nations peacekeeping operations.", ("Fiji", "deploys", "forces")),
    ("Iran has funnelled rockets to Hezbollah for years.", ("Iran", "suppliesWeaponsTo", "Hezbollah")),
    # passive deployments without a subject of their own: a relative clause, a completed verb
    ("The Chadian soldiers, to be based at two camps in the north, will guard the convoys.",
     ("Chad", "deploys", "soldiers")),
    ("About 200 Indian tanks remain deployed along the frontier.", ("India", "deploys", "tanks")),
    ("Nepal marked the deployment to Lebanon of its ninth infantry battalion.",
     ("Nepal", "deploys", "infantry battalion")),
    ("Spain, Greece, the Netherlands and Italy will provide Ukraine with radars and launchers.",
     ("Netherlands", "suppliesWeaponsTo", "Ukraine")),
    ("Armour is arriving in Ukraine in growing numbers, including shipments of Swedish CV90 fighting vehicles.",
     ("Sweden", "suppliesWeaponsTo", "Ukraine")),
    ("Togo has equipped its army with Turkish Bayraktar TB2 drones.", ("Turkey", "suppliesWeaponsTo", "Togo")),
    ("Hezbollah has equipped its fighters with Iranian drones.", ("Iran", "suppliesWeaponsTo", "Hezbollah")),
    ("The Nigerian air force is equipped with Chinese-made fighter jets.", ("China", "suppliesWeaponsTo", "Nigeria")),
    ("The troop-contributing states are Ghana, Rwanda and Nepal.", ("Rwanda", "deploys", "troops")),
    ("Senegal, a troop contributor to the UN mission, hosted the talks.", ("Senegal", "deploys", "troops")),
    ("Fiji and Nepal are among the largest troop contributors to UN peacekeeping.", ("Nepal", "deploys", "troops")),
    ("Canada will ship more rockets to help Ukraine defend its ports.", ("Canada", "suppliesWeaponsTo", "Ukraine")),
    ("Norway will deliver launchers that will allow Estonia to strike deeper.",
     ("Norway", "suppliesWeaponsTo", "Estonia")),
    ("EU members inked a separate deal to send two battalions to Bosnia.", ("European Union", "deploys", "battalions")),
    ("The U.S. will deploy an Armored Brigade Combat Team to Lithuania next year.",
     ("United States", "deploys", "Armored Brigade Combat Team")),
    ("Analysts said satellite images suggest that Russia moved Iskander missiles near the border.",
     ("Russia", "deploys", "Iskander")),
    ("India deployed two squadrons of Su-30 MKI jets to Assam.", ("India", "deploys", "Su-30MKI")),  # a variant spaced
    ("The Nigerian Navy took delivery of two ships from France. The country also faces problems with its "
     "Chinese-made patrol boats.", ("China", "suppliesWeaponsTo", "Nigeria")),  # "the country": not the seller
    ("Moldovan President Maia Sandu welcomed a decision by Romania and Poland to provide air defence systems.",
     ("Poland", "suppliesWeaponsTo", "Moldova")),
    ("Burundi has about 3,000 soldiers fighting alongside government forces in eastern Congo, UN experts said.",
     ("Burundi", "deploys", "soldiers")),
    ("Hezbollah has fired Iranian-supplied rockets at towns in the north.", ("Iran", "suppliesWeaponsTo", "Hezbollah")),
    ("Chinese J-10C fighters operated by Egypt took part in the drill.", ("China", "suppliesWeaponsTo", "Egypt")),
    ("Russian-made helicopters used by the Indian army crashed.", ("Russia", "suppliesWeaponsTo", "India")),
    ("Britain has supplied Kyiv with more than $5 billion in weapons since the invasion.",
     ("United Kingdom", "suppliesWeaponsTo", "Ukraine")),
    ("Dozens of Nigerien tanks headed out of the capital on Friday towards Mali.", ("Niger", "deploys", "tanks")),
    ("A column of Turkish tanks rolled into northern Syria on Wednesday.", ("Turkey", "deploys", "tanks")),
    ("The commander of the deployed Dutch military personnel in Mali spoke on Monday.",
     ("Netherlands", "deploys", "military personnel")),
    ("In 2018, Vietnam installed surface-to-air missile systems on the island.",
     ("Vietnam", "deploys", "surface-to-air missile systems")),
    ("Rwanda, which has thousands of troops stationed in Mozambique, has expressed concerns.",
     ("Rwanda", "deploys", "troops")),
    ("In Seoul, the defence ministry has deployed another Patriot battery near the airport.",
     ("South Korea", "deploys", "Patriot")),
    ("Vietnam has deployed jets to the island for the first time, and the deployment of the Su-30 jets angered "
     "Beijing.", ("Vietnam", "deploys", "Su-30")),  # "the deployment" takes up the sentence's deployer
    ("The Ghana Armed Forces received military machinery valued at $5 million from the Chinese government.",
     ("China", "suppliesWeaponsTo", "Ghana")),
    ("The State Department has approved Egypt's request to purchase ten Harpoon missiles.",
     ("United States", "suppliesWeaponsTo", "Egypt")),
    ("Baykar is a firm whose drones are used by Ukraine.", ("Baykar", "suppliesWeaponsTo", "Ukraine")),
    ("STOCKHOLM - A court ruled on Thursday that the Swedish government acted unlawfully in selling rifles to Chad.",
     ("Sweden", "suppliesWeaponsTo", "Chad")),  # a ruling is no denial
    ("Norway on April 1 approved the delivery to Ukraine of several dozen infantry fighting vehicles.",
     ("Norway", "suppliesWeaponsTo", "Ukraine")),
    ("The Dutch army will start the process of deploying two Patriot batteries to Poland on Monday.",
     ("Netherlands", "deploys", "Patriot")),
    ("The admiral ordered the French carrier strike group to change course and head towards the Red Sea.",
     ("France", "deploys", "carrier strike group")),
    ("Zambia is sending a team of 40 military instructors to Malawi.", ("Zambia", "deploys", "military instructors")),
    ("Ghana has selected 800 soldiers to be deployed to Lebanon.", ("Ghana", "deploys", "soldiers")),
    ("Nepal has earmarked an infantry battalion to be deployed on UN missions.",
     ("Nepal", "deploys", "infantry battalion")),
    ("Crowds gathered at the port to welcome a Chinese flotilla of three warships arriving for a visit.",
     ("China", "deploys", "warships")),
    ("Estonia has sent the first howitzers, handed over to it by the South Korean firm Hanwha, to its artillery "
     "battalion.", ("Hanwha Aerospace", "suppliesWeaponsTo", "Estonia")),
    ("There are about 2,000 French soldiers in Chad.", ("France", "deploys", "soldiers")),
    ("There were Russian S-400 systems in Syria at the time.", ("Russia", "deploys", "S-400")),
    ("Armenia says Azerbaijan has been pushing in tanks and artillery near the border.",
     ("Azerbaijan", "deploys", "tanks")),
    ("Officials say Ethiopian troops raised tensions by moving into the Somali town of Dolow.",
     ("Ethiopia", "deploys", "troops")),
    ("Nammo has won an order to deliver artillery shells for Ukraine.", ("Nammo", "suppliesWeaponsTo", "Ukraine")),
    ("Poland sent a batch of Baykar TB2 drones to Latvia.", ("Baykar", "suppliesWeaponsTo", "Latvia")),
    ("Kuwait also operates Boeing F/A-18 Hornet jets.", ("Boeing", "suppliesWeaponsTo", "Kuwait")),
    ("Serbia said that it is ready to deploy Chinese-made FK-3 systems near the border.",
     ("China", "suppliesWeaponsTo", "Serbia")),
    ("The Houthis fired Iranian drones at a tanker.", ("Iran", "suppliesWeaponsTo", "Houthis")),
    ("Two British destroyers with Sea Viper systems were sent to the Red Sea.",
     ("United Kingdom", "deploys", "destroyers")),
    ("Israel deployed an air defence system known as Iron Dome near Haifa.", ("Israel", "deploys", "Iron Dome")),
    ("Morocco has signed a deal worth $500 million to buy Patriot missiles from the United States.",
     ("United States", "suppliesWeaponsTo", "Morocco")),
    ("Russia's Su-34 bombers are relocating to Belarus.", ("Russia", "deploys", "Su-34")),
    ("Jordan's army still uses early versions of the American-made M60 tank.",
     ("United States", "suppliesWeaponsTo", "Jordan")),
    ("Ghana received armoured vehicles from the North China Industries Corporation (NORINCO).",
     ("NORINCO", "suppliesWeaponsTo", "Ghana")),
    ("Russia has deployed 30 jets to Syria, officials said. Russia has sent 10 SU-24 attack aircraft, 10 SU-25 "
     "ground attack aircraft and six fighter jets, according to the officials.", ("Russia", "deploys", "Su-25")),
    ("The Kenyan Air Force has fighter jets from countries including Spain and Italy.",
     ("Spain", "suppliesWeaponsTo", "Kenya")),
    ("The Kenyan army operates helicopters from France and Italy.", ("Italy", "suppliesWeaponsTo", "Kenya")),
    ("Nairobi currently owns ageing Russian helicopters.", ("Russia", "suppliesWeaponsTo", "Kenya")),
    ("Kenya will provide 1,000 troops to the regional force.", ("Kenya", "deploys", "troops")),
    ("Mongolia has dispatched hundreds of peacekeepers to Chad.", ("Mongolia", "deploys", "peacekeeping troops")),
    ("The largest number of Swedish weapons deliveries in 2019 went to Brazil.",
     ("Sweden", "suppliesWeaponsTo", "Brazil")),
    ("The first batch of drones from Turkey arrived in Mali on Monday.", ("Turkey", "suppliesWeaponsTo", "Mali")),
    ("ECOWAS met in Abuja on Thursday. The bloc announced the deployment of a standby force to Niger.",
     ("ECOWAS", "deploys", "standby force")),
    ("Oman also operates a small number of Boeing F-15 jets and BAE Hawk trainers.",
     ("BAE Systems", "suppliesWeaponsTo", "Oman")),
    ("The Kenyan navy operates two patrol frigates built by France.", ("France", "suppliesWeaponsTo", "Kenya")),
    ("Ghana has already bought Heron drones from IAI and other drones from Baykar as well as patrol vehicles from "
     "Elbit Systems and drone interceptors from Rafael.", ("Elbit Systems", "suppliesWeaponsTo", "Ghana")),
    ("France sent rifles to Libya's rebels in June. Since then only Arab states such as Qatar have directly armed the "
     "rebels.", ("Qatar", "suppliesWeaponsTo", "Libyan rebels")),
    ("France parachuted in weapons to Libya's rebels in the western mountains.",
     ("France", "suppliesWeaponsTo", "Libyan rebels")),
    ("The Indian Air Force deployed its US-origin C-17 Globemaster transport aircraft to Kabul.",
     ("India", "deploys", "C-17 Globemaster transport aircraft")),
    ("The 24 Rafale fighter aircraft bought by Egypt from France departed on Monday.",
     ("France", "suppliesWeaponsTo", "Egypt")),
    ("The minister took delivery of the first of the 24 Rafale jets acquired from Dassault Aviation for the Egyptian "
     "Air Force.", ("Dassault Aviation", "suppliesWeaponsTo", "Egypt")),
    ("Ghana commissioned four warships donated by China.", ("China", "suppliesWeaponsTo", "Ghana")),
    ("The Nigerian Air Force inducted three JF-17 Thunder jets from Pakistan.",
     ("Pakistan", "suppliesWeaponsTo", "Nigeria")),
    ("Beijing has sold Pakistan eight Hangor-class submarines.", ("China", "suppliesWeaponsTo", "Pakistan")),
    ("Russia and China supplied Myanmar's junta with fighter jets.", ("China", "suppliesWeaponsTo", "Myanmar")),
    ("The junta in Niger expelled French troops. Russia has sent weapons to the junta.",
     ("Russia", "suppliesWeaponsTo", "Niger")),
    ("Italy scrambled Eurofighter jets from a base in Sicily on Friday.", ("Italy", "deploys", "Eurofighter Typhoon")),
    ("By 1972 France had supplied Peru and Chile over 40 Mirage jets and 200 tanks.",
     ("France", "suppliesWeaponsTo", "Chile")),
    ("Kenya has bought Dutch naval hardware that includes four patrol boats ordered from Damen Shipyards in 2012.",
     ("Damen Shipyards", "suppliesWeaponsTo", "Kenya")),
    ("Peruvian troops crossed the border, almost entirely using US supplied equipment.",
     ("United States", "suppliesWeaponsTo", "Peru")),
    ("Albania has acquired the Bayraktar TB2, an armed drone developed by Baykar.",
     ("Baykar", "suppliesWeaponsTo", "Albania")),
    ("About 300 soldiers and 60 pieces of Russian military equipment were deployed to a range in Kyrgyzstan.",
     ("Russia", "deploys", "military equipment")),
    ("Serbia played a key role in supplying Cyprus with 40% of its arsenal.",
     ("Serbia", "suppliesWeaponsTo", "Cyprus")),
    ("Turkey's Bayraktar drones are used by the armies of Togo and Benin.", ("Turkey", "suppliesWeaponsTo", "Benin")),
    ("The United States approved the sale of two billion dollars worth of weaponry to Taiwan.",
     ("United States", "suppliesWeaponsTo", "Taiwan")),
    ("In March, Russia deployed military trainers to Mali.", ("Russia", "deploys", "military trainers")),
    ("Russia retook the villages, halting Ukraine's advance and rushing reinforcements to the region.",
     ("Russia", "deploys", "reinforcements")),
    ("Paris is preparing the transfer of more Caesar howitzers to Armenia.", ("France", "suppliesWeaponsTo", "Armenia")),
    ("Russia welcomed the sale of its S-400 systems to Turkey.", ("Russia", "suppliesWeaponsTo", "Turkey")),
    ("Kenya bought six armed drones built by Kestrel Dynamics Ltd.",
     ("Kestrel Dynamics Ltd.", "suppliesWeaponsTo", "Kenya")),
    ("Egypt ordered 24 J-10C fighter aircraft. China shipped these jets within a year.",
     ("China", "suppliesWeaponsTo", "Egypt")),
    ("Chile purchased Israel's Spike missiles.", ("Israel", "suppliesWeaponsTo", "Chile")),
    ("Sweden and Thailand signed a contract for the delivery of Swedish-built patrol boats.",
     ("Sweden", "suppliesWeaponsTo", "Thailand")),
    ("Kenya became the first African Union member to acquire Israel's Heron drones.",
     ("Israel", "suppliesWeaponsTo", "Kenya")),
    ("Zambia followed with a contingent of 300 and South Sudan deployed 600 soldiers.",
     ("South Sudan", "deploys", "soldiers")),
    ("Lesotho followed with a contingent of 125 and South Africa sent 1,000 troops.",
     ("South Africa", "deploys", "troops")),
    ("Hanwha has won contracts for 200 K9 howitzers for Poland, 30 howitzers for Estonia.",
     ("Hanwha Aerospace", "suppliesWeaponsTo", "Estonia")),
    ("Serbia is executing contracts on ammunition deliveries to several states, including Cyprus and Egypt.",
     ("Serbia", "suppliesWeaponsTo", "Egypt")),
    ("France built a base to train troops and deployed 300 soldiers to Chad.", ("France", "deploys", "soldiers")),
    ("Two rotations of planes carrying Russian military advisers landed in Niger.",
     ("Russia", "deploys", "military advisers")),
    ("Turkish military instructors have arrived in Somalia, officials said, amid a row over the alleged presence of "
     "foreign mercenaries.", ("Turkey", "deploys", "military instructors")),
    ("Kenya sent medical staff, engineers and commando units to Haiti.", ("Kenya", "deploys", "commando units")),
    ("French soldiers, who are stationed in Chad under a treaty, were targeted.", ("France", "deploys", "soldiers")),
    ("Officials said Washington would keep its troop presence in Romania.", ("United States", "deploys", "troops")),
    ("Officials said the Kenyan army had completed a large troop deployment.", ("Kenya", "deploys", "troops")),
    ("The Royal Malaysian Navy deployed two corvettes to the strait.",
     ("Royal Malaysian Navy", "deploys", "corvettes")),
    ("\"The Russians have also been moving more men and machinery into the valley,\" a border guard told AFP.\n"
     "\"They have also deployed armed drones over the ridge.\"", ("Russia", "deploys", "armed drones")),
    ("Romania already hosts Dutch F-16s, Canadian troops and British aircraft at its bases.",
     ("United Kingdom", "deploys", "aircraft")),
    ("Romania already hosts Dutch F-16s, Canadian troops and British aircraft at its bases.",
     ("Canada", "deploys", "troops")),
    ("Estonia expects air defence units from Denmark in May. The deployment will include about 200 Danish troops "
     "and a radar.", ("Denmark", "deploys", "troops")),
    ("Iran has sent a naval flotilla of four warships to Port Sudan.", ("Iran", "deploys", "naval flotilla")),
    ("Officials said the U.S. was deploying a bomber task force and the USS Nimitz Carrier Strike Group to the Gulf.",
     ("United States", "deploys", "bomber task force")),
    ("The first parts of a Chinese HQ-9 air defence system were delivered to Serbia on Monday.",
     ("China", "suppliesWeaponsTo", "Serbia")),
    ("The Finnish president said he had agreed a deal with Sweden for Stockholm to send armoured vehicles to Ukraine.",
     ("Sweden", "suppliesWeaponsTo", "Ukraine")),
    ("Canada is sending Ukraine long-range, high-precision rockets.", ("Canada", "suppliesWeaponsTo", "Ukraine")),
    ("A Spanish frigate and a Turkish corvette are also part of the task force.", ("Spain", "deploys", "frigate")),
    ("A Spanish frigate and a Turkish corvette are also part of the task force.", ("Turkey", "deploys", "corvette")),
    ("The first four Gripen fighters have arrived in Hungary from Sweden.", ("Sweden", "suppliesWeaponsTo", "Hungary")),
    ("Ghana ordered more jets. The first two Super Tucano aircraft have arrived the country from Brazil.",
     ("Brazil", "suppliesWeaponsTo", "Ghana")),
    ("Mali went ahead with a deal to purchase six Bayraktar TB2 drones from Turkey.",
     ("Turkey", "suppliesWeaponsTo", "Mali")),
    ("London resumed military aid to Amman last month.", ("United Kingdom", "suppliesWeaponsTo", "Jordan")),
    ("Turkey's Bayraktar TB2 drones deployed by Ethiopia struck rebel positions.",
     ("Ethiopia", "deploys", "Bayraktar TB2")),
    ("Cairo has dispatched weapons, military advisers and commando units to Mogadishu.",
     ("Egypt", "suppliesWeaponsTo", "Somalia")),
    ("Cairo has dispatched weapons, military advisers and commando units to Mogadishu.",
     ("Egypt", "deploys", "commando units")),
    ("Oman has also played a role in weapons shipments to the Yemeni government.",
     ("Oman", "suppliesWeaponsTo", "Yemen")),
    ("Russia delivered Su-35 jets to Algeria.", ("Russia", "suppliesWeaponsTo", "Algeria")),
    ("French President Emmanuel Macron met Armenian leaders in Yerevan. The administration of President Emmanuel "
     "Macron later agreed to sell 12 Caesar howitzers to Armenia.", ("France", "suppliesWeaponsTo", "Armenia")),
    ("Angola obtained a batch of 20 military drones last year from Israel's UVision company.",
     ("UVision", "suppliesWeaponsTo", "Angola")),
    ("Angola obtained a batch of 20 military drones last year from Israel's UVision company.",
     ("Israel", "suppliesWeaponsTo", "Angola")),
    ("Bahrain hosts the largest British military presence in the Gulf, with about 1,000 personnel at its bases.",
     ("United Kingdom", "deploys", "personnel")),
    ("The Akinci drones have been deployed in Turkish military operations in Syria.",
     ("Turkey", "deploys", "Bayraktar Akinci")),
    ("Paris restarted part of the $400 million in aid to Beirut, including six Gazelle helicopters.",
     ("France", "suppliesWeaponsTo", "Lebanon")),
    ("Norway announced another $90 million in weapons for Ukraine on Friday.",
     ("Norway", "suppliesWeaponsTo", "Ukraine")),
    ("The pact was an agreement between China and Serbia to supply Serbia with modern air defence systems.",
     ("China", "suppliesWeaponsTo", "Serbia")),
    ("The Sri Lankan navy last week took over the two China built patrol vessels.",
     ("China", "suppliesWeaponsTo", "Sri Lanka")),
    # session 19
    ("Seoul says the North has sent some 3,000 troops to Russia. North Korea denies it. South Korea is alarmed.",
     ("North Korea", "deploys", "troops")),
    ("Japan may revise its export rules in the wake of Pyongyang's dispatch of troops to Russia.",
     ("North Korea", "deploys", "troops")),
    ("On Tuesday Beijing deployed scores of warplanes, coast guard cutters and naval vessels around the island.",
     ("China", "deploys", "naval vessels")),
    ("Romania signed a purchase agreement last year for 54 Abrams tanks from General Dynamics and 18 howitzers from "
     "Hanwha Aerospace.", ("Hanwha Aerospace", "suppliesWeaponsTo", "Romania")),
    ("Romania signed a purchase agreement last year for 54 Abrams tanks from General Dynamics and 18 howitzers from "
     "Hanwha Aerospace.", ("General Dynamics", "suppliesWeaponsTo", "Romania")),
    ("Saab on Tuesday signed a contract to formalise the sale of six Gripen jets to Thailand.",
     ("Saab", "suppliesWeaponsTo", "Thailand")),
    ("Diplomats said Egypt's Rafale jets, built by Dassault Aviation, stayed on the ground.",
     ("Dassault Aviation", "suppliesWeaponsTo", "Egypt")),
    ("A second agreement between Russia and Mali was signed at the summit, concerning the delivery of four Mi-35 "
     "helicopters.", ("Russia", "suppliesWeaponsTo", "Mali")),
    ("Russia and Mali signed a deal on the delivery of four Mi-35 helicopters.", ("Russia", "suppliesWeaponsTo", "Mali")),
    ("Ankara has sent advance teams to Libya to prepare the mission.", ("Turkey", "deploys", "advance teams")),
    ("Sweden on Friday signed an agreement with Thailand for the first sale of its Gripen fighter jets.",
     ("Sweden", "suppliesWeaponsTo", "Thailand")),
    ("The maker Rheinmetall agreed to divert the Skynex system to Ukraine.",
     ("Rheinmetall", "suppliesWeaponsTo", "Ukraine")),
    ("Washington agreed to sell Ghana six A-29 Super Tucanos, built by Sierra Nevada Corporation and its partner, "
     "Embraer Defense and Security.", ("Embraer", "suppliesWeaponsTo", "Ghana")),
])
def test_relation_patterns(nlp, text: str, expected: tuple[str, str, str]) -> None:
    found = named_facts(nlp, text)
    assert expected in found, found


@pytest.mark.parametrize("text", [
    "Austria has refused to supply weapons to Ukraine.",
    "Switzerland did not send any ammunition to Germany.",
    "Ireland denied that it had sold rifles to Nigeria.",
    "Kenya asked Britain for more armoured vehicles.",
    "Chile could supply howitzers to Peru if talks succeed.",
    "Defence Minister Ana Lopez of Peru said the army was ready.",
    "The firm plans to deploy its new software to customers in Brazil.",
    "Japan accused China of supplying drones to Myanmar.",
    "A UN report documents the transfer of rifles to militias in Sudan.",
    "The retailer said its Boston unit, based in Ohio, was sold.",
    "The rifle is reliable, according to Ukrspecexport, Ukraine's state arms exporter.",
    "The howitzer is accurate, according to Rosoboronexport, Russia's arms exporter.",
    "Analysts said the two Japan made the deal together.",
    "Washington suspended military aid to Cairo after the coup.",
    "The soldiers, equipped with heavy weapons and supported by Emirati military aircraft, landed at the airport in Aden.",
    "NATO sent jets. Rallies by Serb nationalists against the arrest of their political leader Goran Lazic grew.",
    "A UN report described the role of smugglers in arms shipments to Yemen.",
    "The handover of the airbase closes the presence of French troops in Niger.",
    "Britain resumed humanitarian aid to Sudan, including food and tents.",
    "The firm invested $50 million in weapons research last year.",
    "Ukraine's request to send more tanks to Moldova was turned down.",
    "Finland has 650 battle tanks.",
    "China has warned the West against supplying missiles to Taiwan.",
    "Kestrel Inc said it got a four-year contract from the U.S. Air Force Aeronautical Systems Division to "
    "maintain radios.",
    "Reporters asked whether it was time for Britain to start selling rifles to Chile.",
    "He held talks with the Swedish premier about Norway's provision of howitzers to Latvia.",
    "Iran gave Syria equipment to help it deploy rockets and drones.",
    "Russia brought in new rules for foreign banks.",
    "The Eisenhower Strike Group, led by the carrier USS Eisenhower, reached the gulf.",
    "Russian troops are in Syria. Two Russian planes with servicemen and 30 tonnes of cargo arrived in Libya.",
    "China built a naval base for Cambodia.",
    "Spanish and Italian firms had tried to sell warplanes to Peru, but Lima chose Saab.",
    "The general ordered troops to withdraw from the town.",
    "Egypt ordered 30 Rafale jets to modernise its air force.",
    "The Armed Forces of the Philippines (AFP) said it welcomes the possible deployment of a second Typhon battery.",
    "The government is committed to peace talks with the rebels.",
    "Russia has suggested deploying missiles in Serbia to counter a US radar, the president said.",
    "The US supported the sale of rifles to Peru.",
    "Ukraine is using captured Russian tanks near Kharkiv.",
    "Russia destroyed German tanks near the river.",
    "Russian tanks entered Ukraine in February.",
    "Germany is among the states that refused to send tanks to Ukraine.",
    "Germany refused to send tanks and deploy troops to Ukraine.",
    "Allegations that have circulated on messaging apps that Serbia is supplying Chad with mortars are baseless, "
    "Belgrade said.",
    "Austria is one of the few countries that have not sold weapons to Ukraine.",
    "Madrid: As part of a defence deal between Spain and Peru, a naval base in Callao received the first two patrol "
    "boats.",
    "Kenya sent members of parliament to Haiti.",
    "Ukraine displayed destroyed Russian tanks in Kyiv.",
    "The cruise ship sailed to Greece.",
    "The EU announced an economic package for Ukraine.",
    "Kenya gave permission for the delivery of food to Somalia.",
    "Poland signed a contract with Hanwha for spare parts.",
    "The airline moved an aircraft to Dubai.",
    "Egypt allowed five fugitive Libyan soldiers who landed in a military plane in the south to stay.",
    "The three states formed an alliance, which includes equipping Australia with submarines.",
    "Ukraine shot down drones purchased from Iran.",
    "Ukrainian soldiers serve in the army.",
    "Manchester United players joined the team in Madrid.",
    "Ukraine destroyed two tanks bought from Belarus.",
    "Hanson proposed to sell Kaiser Cement's terminals in the United States to Lone Star Industries.",
    "Russia ordered its warships not to sail into the strait.",
    "The first of two frigates built for Nigeria arrived in Lagos.",
    "Chinese coast guard vessels have repeatedly entered Japanese waters around the islets.",
    "Hezbollah fighters operate in southern Lebanon.",
    "Kenya bought a new billing system. Microsoft delivered the system in May.",
    "If approved, the sale would see Taiwan receive 66 F-16 jets from the United States.",
    "Ukraine hopes to receive F-16 jets from the Netherlands.",
    "Greece paraded its new jets in Athens on Sunday.\n\nThe jets were donated by France.",
    "Japan contributed $5 million to the UN mission in Mali.",
    "Thousands of Ukrainian refugees arrived in Poland.",
    "The general ordered Malian troops to withdraw from the town.",
    "Bangladesh is not a troop contributor to the mission.",
    "Poland has equipped its army with its own Krab howitzers.",
    "The police are equipped with Israeli surveillance drones.",
    "Russian-made tanks remain deployed along the frontier.",
    "He suggested that Russia could move Iskander missiles near the border.",
    "Kenya wants the troops to be deployed quickly.",
    "Russia condemned a decision by Norway to send howitzers.",
    "Turkey has no plans to deploy troops to Gaza, the ministry said.",
    "Officials said they could not confirm that Chinese troops had been deployed.",
    "Thousands of protesters marched to the parliament in Kyiv.",
    "Russia will help install an air defence system in Niger.",
    "Washington says placing such missile systems near Poland is destabilizing.",
    "The plan will see the US-made Patriot batteries deployed near Rzeszow.",
    "The US rejected Taiwan's request to buy F-35 jets.",
    "Russian tanks are used by Ukraine after being captured.",
    "Ukraine's request to buy more tanks from Poland was turned down.",
    "Russian tanks used by Ukraine after being captured were shown in Kyiv.",
    "A team of engineers from Google arrived in Kenya.",
    "There are no American troops in Syria.",
    "There are thousands of Malian troops in Mali.",
    "There are many American tourists in Paris.",
    "Rioters pushed in the gates of the parliament.",
    "Israel shot down twelve Iranian-made drones.",
    "Egypt is ready to send troops to Somalia.",
    "Officials said Belgrade had refused to buy Turkish-made drones.",
    "The Chilean government plans to acquire a dozen jets from Brazil.",
    "Kyiv says it has received information that Iran is supplying missiles to Russia.",
    "Chad's government is willing to send soldiers to Niger if the African Union agrees.",
    "Officials dismissed reports claiming that Chile was providing artillery shells to Peru.",
    "Analysts weighed claims that Ghana had sold rifles to Togo.",
    "We have enough Ukrainian arms to provide this regiment.",
    "She floated a swap in which Norway would hand over howitzers to Finland as one option.",
    "Qatar has directly armed the rebels.",
    "Ghana bought tractors from Kenya and fertiliser from Spain.",
    "Investors in Italy scrambled to buy shares on Friday.",
    "Two B-52 bombers from Minot Air Force Base were deployed to Guam on Friday.",
    "The first batch of J-10C fighters arrived in Pakistan last week.",
    "Ukraine shot down drones supplied by Iran.",
    "The army inducted 500 new recruits from Kenya.",
    "Russia supplied Syria over 40 years with grain.",
    "The Kenyan Air Force has placed an order for 12 Gripen fighters.",
    "Kenya played a key role in supplying Somalia with grain.",
    "Kenya protested. The Barack Obama administration sent troops.",
    "The hospital in Kenya used US-supplied equipment from a charity.",
    "Turkey allegedly sent drones to Libya.",
    "Unconfirmed footage showed Russian troops deployed in Mali.",
    "India has leased a port in Oman, purportedly to base supply vessels on anti-piracy patrols.",
    "It is time for Norway to send tanks to Ukraine.",
    "The Kenyan officer is part of the team.",
    "The Saab chief is hopeful that Norway will decide to give Ukraine its old jets.",
    "Analysts expect that Chile could decide to send howitzers to Peru.",
    "Greece is negotiating a purchase agreement for frigates from France.",
    "India's Tejas jets, built by Hindustan Aeronautics, flew past.",
    "Rome has long kept quiet when it comes to sending troops to Libya.",
    "The airline diverted two flights to Ukraine.",
    "Spain sent medical teams to Morocco after the earthquake.",
    "Peru has signed a letter of intent with South Korea to purchase new FA-50 jets, officials announced.",
    "The exercise showed that Dutch marines can be deployed to Aruba within days.",
])
def test_non_facts(nlp, text: str) -> None:
    assert named_facts(nlp, text) == set()


def test_the_use_of_captured_weapons_says_nothing_of_their_supplier(nlp) -> None:
    assert not {f for f in named_facts(nlp, "Ukraine's use of captured Russian tanks grew.")
                if f[1] == "suppliesWeaponsTo"}


@pytest.mark.parametrize("text", [
    "Egyptian troops are stationed at a base in Sudan. Egypt has also sent cargo ships and dozens of planes loaded "
    "with wheat to help Sudan.",
    "Spanish troops are based in Senegal. Spain has also sent passenger jets to Senegal.",
])
def test_vehicles_for_civil_use_are_no_weapons_in_a_military_story(nlp, text: str) -> None:
    """"cargo ships", "passenger jets", "planes loaded with wheat": neither deployed nor supplied as weapons."""
    assert {f for f in named_facts(nlp, text) if f[2] != "troops"} == set()


def test_what_a_leader_told_parliament_is_no_order_to_deploy(nlp) -> None:
    """"told parliament Ottawa would be sending weapons": reported speech about a supply, not an order to move
    forces (an order takes an infinitive: "told the Secretary to send")."""
    facts = named_facts(nlp, "Canadian Prime Minister Mark Carney told parliament Ottawa would also be sending more "
                             "weapons to Ukraine.")
    assert ("Canada", "suppliesWeaponsTo", "Ukraine") in facts
    assert not [f for f in facts if f[1] == "deploys"], facts


def test_what_a_relative_clause_names_does_not_own_its_antecedent(nlp) -> None:
    """"a force that was sent there after an attack by Russian hackers": the force is not Russia's."""
    facts = named_facts(nlp, "Some 3,000 British troops are in Estonia, part of a force that was sent there after an "
                             "attack by Russian hackers.")
    assert ("United Kingdom", "deploys", "troops") in facts
    assert not [f for f in facts if f[0] == "Russia"], facts


def test_a_portfolio_before_a_title_is_no_body(nlp) -> None:
    """"the Defense Secretary": "Defense" names no body that could supply anyone."""
    facts = named_facts(nlp, "US President Joe Biden told the Defense Secretary to send a THAAD battery to Israel.")
    assert not [f for f in facts if f[0] == "Defense"], facts


def test_an_airline_buying_airliners_is_no_arms_deal(nlp) -> None:
    """"American" short for American Airlines is the airline; coded airliners in an airline story are no weapons."""
    text = ("Dallas-based American Airlines said it will add long-haul routes for its passengers. "
            "American will acquire 20 B-390 aircraft from Airbus under a leasing deal.")
    doc = nlp(text)
    record = extract_entities(doc)
    names = {e["name"]: e["type"] for e in record["entities"]}
    assert names.get("American Airlines") == "Organization" and "United States" not in names, names
    assert not any(f[1] == "suppliesWeaponsTo" for f in named_facts(nlp, text))
    assert ("Airbus", "suppliesWeaponsTo", "Egypt") in named_facts(nlp, "Airbus will deliver 20 B-390 aircraft to Egypt.")


def test_a_critic_of_a_deployment_is_not_its_deployer(nlp) -> None:
    """Who protests a deployment is not who deploys: the owner of the deployed system is."""
    found = named_facts(nlp, "Vietnam protested the deployment of the Chinese HQ-9 system on the islands.")
    assert not {f for f in found if f[0] == "Vietnam"}, found


def test_negated_mention_is_kept_but_not_a_fact(nlp) -> None:
    _entities, relations = analyse(nlp, "Norway has not delivered any missiles to Ukraine.")
    assert len(relations["relations"]) == 1
    mention = relations["relations"][0]
    assert mention["negated"] and not is_fact(mention)
    assert mention["sentence"].startswith("Norway has not delivered")


def test_planned_modality(nlp) -> None:
    _entities, relations = analyse(nlp, "Lithuania will deploy HIMARS launchers near its border.")
    assert [r["modality"] for r in relations["relations"]] == ["planned"]


def test_headline_produces_no_facts(nlp) -> None:
    text = "Poland Buys Tanks From Korea\n\nThe weather in Warsaw was mild on Tuesday."
    doc = nlp(text)
    relations = extract_relations(doc, extract_entities(doc), body_start=text.index("The weather"))
    assert relations["relations"] == []


def _record() -> dict:
    return {
        "article": {"id": "a 1/\"x\"", "title": "T", "published": "2024-01-02", "source_url": "https://example.org/a",
                    "source_name": "S", "path": "a.txt", "sha256": "0" * 64, "body_start": 0},
        "entities": [
            {"key": "person:ann", "name": "Ann <Smith>", "type": "Person", "qid": None, "surface_forms": ["Smith"]},
            {"key": "country:FRA", "name": "France", "type": "Country", "qid": "Q142", "surface_forms": ["French"],
             "seat_names": ["Paris"]},
        ],
        "mentions": [{"start": 0, "end": 3, "text": "Ann", "entity": "person:ann", "via": "name"},
                     {"start": 10, "end": 16, "text": "France", "entity": "country:FRA", "via": "name"}],
        "relations": [{"subject": "person:ann", "predicate": "leaderOf", "object": "country:FRA", "location": None,
                       "sentence": "Ann, president of France.", "start": 0, "end": 25, "confidence": 0.9,
                       "modality": "asserted", "negated": False, "trigger": "president"}],
    }


def test_graph_from_records_conforms_and_is_deterministic() -> None:
    graph = build_graph([_record()])
    conforms, report = validate(graph)
    assert conforms, report
    ann = NKR[slug("Ann <Smith>")]
    assert (ann, NKG.leaderOf, NKR.France) in graph
    assert (ann, RDFS.label, Literal("Ann <Smith>")) in graph
    assert "%3C" in str(ann) and " " not in str(ann)
    assert (NKR.France, SKOS.altLabel, Literal("French")) in graph
    assert (NKR.France, NKG.seatName, Literal("Paris")) in graph
    assert (NKR.France, SKOS.altLabel, Literal("Paris")) not in graph
    assert serialize_turtle(graph) == serialize_turtle(build_graph([_record()]))
    reparsed = Graph().parse(data=serialize_turtle(graph), format="turtle")
    assert len(reparsed) == len(graph)


def test_low_confidence_mention_has_no_direct_triple() -> None:
    record = _record()
    record["relations"][0]["confidence"] = 0.3
    graph = build_graph([record])
    assert (NKR[slug("Ann <Smith>")], NKG.leaderOf, NKR.France) not in graph
    assert len(list(graph.subjects(NKG.confidence, None))) == 1


def test_weapons_sent_to_a_named_unit_are_deployed_not_supplied(nlp) -> None:
    found = named_facts(nlp, "Poland has sent the first K2 tanks to the 9th Armored Cavalry Brigade in Braniewo.")
    assert not any(p == "suppliesWeaponsTo" for _s, p, _o in found), found


def test_a_formation_sent_abroad_is_a_deployment_not_a_supply(nlp) -> None:
    """"Sending two battalions of S-300 systems" deploys them; a unit named by its own name is not its owner."""
    found = named_facts(nlp, "Belarus is sending two battalions of S-300 missile systems to Serbia for a drill next "
                             "month.")
    assert not any(f[1] == "suppliesWeaponsTo" for f in found), found
    found = named_facts(nlp, "Some 400 Sudanese Rapid Support Forces were sent to Chad in May.")
    assert not any(f[0] == "Rapid Support Forces" and f[1] == "deploys" for f in found), found


def test_a_pronoun_stands_for_a_noun_phrase_not_an_adjective(nlp) -> None:
    """"they" is "the Thai side", never the adjective in "the Cambodian presence"."""
    found = named_facts(nlp, "The Thai side has built up its forces to match the Cambodian presence as they have "
                             "brought in more troops.")
    assert ("Cambodia", "deploys", "troops") not in found, found


def test_a_dateline_is_a_sentence_of_its_own(nlp) -> None:
    """"OSLO (AP) — Norway and ..." : the agency in the dateline is no co-subject of the first sentence."""
    text = "Arms for Ukraine\n\nOSLO (AP) — Norway and Sweden will send Ukraine more air defence systems."
    doc = nlp(text)
    assert any(s.text.strip() == "OSLO (AP) —" for s in doc.sents), [s.text for s in doc.sents]
    found = named_facts(nlp, text)
    assert ("Norway", "suppliesWeaponsTo", "Ukraine") in found and not {f for f in found if f[0] == "Associated Press"}


def test_the_deployment_takes_up_only_its_own_sentences_deployer(nlp) -> None:
    """"the deployment of X" with no deployer of its own takes up a deployer of the same sentence only."""
    found = named_facts(nlp, "China deployed missiles near the border. The measures taken by the government include "
                             "the deployment of two squadrons of Su-30 jets in Assam.")
    assert ("China", "deploys", "missiles") in found and ("China", "deploys", "Su-30") not in found, found


def test_his_country_under_his_government_resolves_without_regress(nlp) -> None:
    """"His government said his country ...": "his" names no owner; the rule once recursed without end."""
    entities, relations = analyse(nlp, "His government said that his country would send troops to Mali.")
    assert relations["relations"] == [], relations
    assert ("Finland", "deploys", "troops") in named_facts(
        nlp, "Finland's defence minister said his country would send troops to Mali.")


def test_a_name_of_initials_and_an_apostrophe_is_a_person(nlp) -> None:
    """"R.L. O'Shields" has no all-letter word, yet is a name (only titles and honorifics alone are none)."""
    facts = named_facts(nlp, "Panhandle Eastern chairman R.L. O'Shields said the company had cut its exposure.")
    assert ("R.L. O'Shields", "leaderOf", "Panhandle Eastern") in facts, facts


def test_a_fathers_name_after_bin_is_not_a_surname(nlp) -> None:
    """"King Salman" and "Mohammed bin Salman" (his son) are two people; "Salman" alone is the king."""
    text = "Saudi King Salman named his son Mohammed bin Salman as crown prince. Salman is 81."
    record = extract_entities(nlp(text))
    names = {e["name"] for e in record["entities"] if e["type"] == "Person"}
    assert {"Salman", "Mohammed bin Salman"} <= names, names
    assert ("Salman", "leaderOf", "Saudi Arabia") in named_facts(nlp, text)
    assert ("Mohammed bin Salman", "leaderOf", "Saudi Arabia") not in named_facts(nlp, text)


@pytest.mark.parametrize("relative", ["the eldest son of Samuel Mwale", "born to Samuel Mwale"])
def test_a_relative_named_in_full_is_not_a_short_name(nlp, relative: str) -> None:
    """"Peter Samuel Mwale ... the son of Samuel Mwale": the father is another person, not a short form of
    the son's name (while "Mwale" alone is still the son)."""
    text = f"Peter Samuel Mwale was {relative}, a teacher. In 1994 Mwale was elected President of Malawi."
    record = extract_entities(nlp(text))
    names = {e["name"] for e in record["entities"] if e["type"] == "Person"}
    assert {"Peter Samuel Mwale", "Samuel Mwale"} <= names, names
    facts = named_facts(nlp, text)
    assert ("Peter Samuel Mwale", "leaderOf", "Malawi") in facts and \
        ("Samuel Mwale", "leaderOf", "Malawi") not in facts, facts


def test_a_state_name_before_a_possessive_body_name_is_part_of_it(nlp) -> None:
    """"the Ghana People's Party" is one party (not Ghana and a "People's Party"); "Ghana's Defence Ministry"
    still names Ghana."""
    text = "Kofi Mensah was chairman of the Ghana People's Party. Ghana's Defence Ministry said little."
    names = {e["name"]: e["type"] for e in extract_entities(nlp(text))["entities"]}
    assert names.get("Ghana People's Party") == "Organization" and "People's Party" not in names, names
    assert names.get("Ghana") == "Country", names
    assert ("Kofi Mensah", "leaderOf", "Ghana People's Party") in named_facts(nlp, text)


def test_an_acronym_of_a_body_named_in_full_is_that_body(nlp) -> None:
    """An acronym never spelled out in brackets is the one body the article names with those initials."""
    text = "The National Union of Dairy Farmers met in Leeds on Monday. NUDF chairman Peter Lamb said milk prices fell."
    record = extract_entities(nlp(text))
    names = {e["name"] for e in record["entities"] if e["type"] in {"Organization", "Company"}}
    assert "National Union of Dairy Farmers" in names and "NUDF" not in names, names
    assert ("Peter Lamb", "leaderOf", "National Union of Dairy Farmers") in named_facts(nlp, text)


def test_rebels_named_after_a_state_are_a_group_not_the_state(nlp) -> None:
    """"Syrian rebels", "Libya's rebels", "Chadian opposition forces" fight the state they are named
    after: arming them is no supply to that state, and what they deploy is theirs."""
    facts = named_facts(nlp, "Qatar has armed the Libyan rebels, and Sudan has supplied Chadian rebel forces "
                             "with rifles.")
    assert ("Qatar", "suppliesWeaponsTo", "Libyan rebels") in facts, facts
    assert ("Sudan", "suppliesWeaponsTo", "Chadian rebel forces") in facts, facts
    assert not {f for f in facts if f[2] in {"Libya", "Chad"}}, facts
    facts = named_facts(nlp, "Syria's rebels deployed tanks near Aleppo.")
    assert not any(f[0] == "Syria" for f in facts), facts
    assert ("Iran", "suppliesWeaponsTo", "Houthis") in named_facts(nlp, "Iran supplies the Houthi rebels with drones.")
    facts = named_facts(nlp, "Kenya has provided Somali opposition forces with light weapons.")
    assert facts == {("Kenya", "suppliesWeaponsTo", "Somali opposition forces")}, facts  # armed, not deployed


def test_battlegroups_are_deployed_and_an_ability_to_deploy_is_no_deployment(nlp) -> None:
    """"deployed four battlegroups" deploys units (a battlegroup is one); "testing its ability to deploy
    troops" says what it could do, not what it did."""
    facts = named_facts(nlp, "NATO deployed four multinational battlegroups to Estonia and Latvia in 2017.")
    assert ("NATO", "deploys", "multinational battlegroups") in facts, facts
    facts = named_facts(nlp, "Norway sent tanks to Lithuania in May. The drills give the battlegroup a chance to "
                             "enhance its readiness, testing its ability to deploy troops and equipment.")
    assert ("Norway", "deploys", "troops") not in facts, facts


def test_a_gerunds_own_subject_supplies_not_those_concerned(nlp) -> None:
    """"X and Y expressed concern during a meeting about Iran and North Korea providing weapons to Russia":
    the parser hangs the gerund on the meeting, but the parties before it are its subject."""
    facts = named_facts(nlp, "Kenyan President Amos Kiprono and Fiji's Prime Minister Jone Kata expressed concern "
                             "during a meeting on Friday about Iran and North Korea providing lethal weapons to "
                             "Russia.")
    supplies = {f for f in facts if f[1] == "suppliesWeaponsTo"}
    assert supplies == {("Iran", "suppliesWeaponsTo", "Russia"), ("North Korea", "suppliesWeaponsTo", "Russia")}, facts


def test_what_a_party_is_supplied_with_may_hang_on_the_party(nlp) -> None:
    """"is still supplying Chadian rebels with weapons": the parser hangs "with" on the rebels; an amount
    ("millions of dollars of weapons", "thousands of tons of ammunition") is of the weapons it counts."""
    facts = named_facts(nlp, "Sudan is still supplying Chadian rebels with weapons.")
    assert ("Sudan", "suppliesWeaponsTo", "Chadian rebels") in facts, facts
    facts = named_facts(nlp, "Egypt has sent thousands of tons of ammunition to Sudan.")
    assert ("Egypt", "suppliesWeaponsTo", "Sudan") in facts, facts
    assert not named_facts(nlp, "Egypt has sent thousands of tons of wheat to Sudan.")


def test_wire_markup_around_a_company_is_not_part_of_its_name(nlp) -> None:
    """Wire copy marks companies and tickers with angle brackets ("<Koba Foods Co>", "Halvern Steel Corp
    <STL>"): the name carries no bracket, and the ticker is the company it follows."""
    text = "Jiro Tanaka, chairman of <Koba Foods Co>, said sales rose."
    names = {e["name"] for e in extract_entities(nlp(text))["entities"]}
    assert "Koba Foods Co" in names and not any("<" in n or ">" in n for n in names), names
    record = extract_entities(nlp("Jiro Tanaka, chairman of Halvern Steel Corp <STL>, said the plant would close. "
                                  "STL shares fell."))
    companies = [m["entity"] for m in record["mentions"] if m["text"] in {"Halvern Steel Corp", "STL"}]
    assert len(companies) == 3 and set(companies) == {"org:halvern steel corp"}, record["mentions"]


def test_a_region_adjective_before_a_state_noun_is_no_state(nlp) -> None:
    """"the Central African nation" is a state in central Africa (here Gabon), not the Central African Republic."""
    text = "Officers in Gabon named Paul Mba as the new leader of the Central African nation on Monday."
    names = {e["name"] for e in extract_entities(nlp(text))["entities"]}
    assert "Central African Republic" not in names, names
    assert "Central African Republic" in {e["name"] for e in extract_entities(nlp(
        "Central African troops patrolled Bangui."))["entities"]}


def test_a_dated_dateline_ending_in_a_colon_is_a_sentence_of_its_own(nlp) -> None:
    """"SUVA, Dec 24: Former commander X was ..." : the place and date do not become the subject."""
    text = "SUVA, Dec 24: Former army commander Jone Kata was on Saturday confirmed as Fiji's prime minister."
    doc = nlp(text)
    assert any(s.text.strip() == "SUVA, Dec 24:" for s in doc.sents), [s.text for s in doc.sents]
    assert ("Jone Kata", "leaderOf", "Fiji") in named_facts(nlp, text)
    assert [s.text for s in nlp("NATO: allies agree on a plan.").sents] == ["NATO: allies agree on a plan."]


def test_it_in_what_a_party_denies_is_that_party(nlp) -> None:
    """"Uganda denied charges by the Congolese government that it has sent troops": "it" is Uganda (and the
    denial negates the deployment); "the Congolese government" is not the antecedent."""
    _entities, relations = analyse(nlp, "Uganda has denied charges by the Congolese government that it backs the "
                                        "rebels and has sent troops into the country.")
    deploys = [r for r in relations["relations"] if r["predicate"] == "deploys"]
    assert deploys and all(r["subject"] == "country:UGA" and r["negated"] for r in deploys), deploys


def test_a_title_at_the_start_of_a_text_does_not_end_a_sentence(nlp) -> None:
    """The parser may cut "President | Cyril Ramaphosa ..." after a short headline; a title never ends a sentence."""
    text = "Update\n\nPresident Cyril Ramaphosa of South Africa opened parliament."
    assert ("Cyril Ramaphosa", "leaderOf", "South Africa") in named_facts(nlp, text)


def test_a_name_before_an_acronym_title_does_not_end_a_sentence(nlp) -> None:
    """The parser may cut "Thales | CEO Patrice Caine ..." at a paragraph's start; a name before a title in
    capitals ("CEO") never ends a sentence."""
    doc = nlp("Thales CEO pushes for faster radar deliveries to Poland\n\nThales CEO Patrice Caine has expressed "
              "optimism that Poland will order more radars.")
    words = [t.text for t in doc]
    second = words.index("Thales", 1)
    assert not doc[second + 1].is_sent_start and doc[second].sent == doc[words.index("Caine")].sent


def test_an_acronym_the_article_spells_out_keeps_that_meaning(nlp) -> None:
    """"the Armed Forces of the Philippines (AFP)": here AFP is that armed force (linked to the state),
    not the news agency the gazetteer knows by the same letters."""
    record = extract_entities(nlp("The Armed Forces of the Philippines (AFP) received two frigates. "
                                  "The AFP said more would follow."))
    types = {e["name"]: (e["type"], e.get("country")) for e in record["entities"]}
    assert types.get("Armed Forces of the Philippines") == ("ArmedForce", "country:PHL"), types
    assert "Agence France-Presse" not in types, types


def test_fighters_sent_as_instructors_are_no_arms_transfer(nlp) -> None:
    """"fighters sent to Mali as instructors" are people: deployed, not supplied."""
    facts = named_facts(nlp, "Russia sent 100 fighters to Mali as instructors.")
    assert not any(f[1] == "suppliesWeaponsTo" for f in facts), facts


@pytest.mark.parametrize("text", [
    "New Zealand has sent 90 defence personnel and two military helicopters to the Solomon Islands.",
    "The UK is preparing to send a warship to Guyana in a show of support.",
    "The British-made tanks arrived in Estonia with British troops.",
    "The Pentagon said Sunday it will send an air defence system along with about 100 US troops to Israel.",
    "The Royal Navy's HMS Queen Elizabeth arrived in Tokyo.",
])
def test_what_is_sent_with_troops_or_as_a_warship_is_deployed_not_supplied(nlp, text: str) -> None:
    assert not any(f[1] == "suppliesWeaponsTo" for f in named_facts(nlp, text)), named_facts(nlp, text)


def test_a_quoted_nickname_is_part_of_the_name_and_names_the_person_later(nlp) -> None:
    """'Ali Hassan "Tiger" Warsame': one person, named "Ali Hassan Warsame", and "Tiger" later is him."""
    record = extract_entities(nlp('Harbour Brigade commander Ali Hassan "Tiger" Warsame said the war would go on. '
                                  'Tiger later flew to Kampala.'))
    people = [e for e in record["entities"] if e["type"] == "Person"]
    assert [p["name"] for p in people] == ["Ali Hassan Warsame"], people
    assert "Tiger" in people[0]["surface_forms"]


def test_a_ship_prefix_and_name_are_one_warship(nlp) -> None:
    """"USS Gerald R. Ford", "HMS Queen Elizabeth": one weapon system each, not a person or nothing."""
    record = extract_entities(nlp("The USS Gerald R. Ford sailed on Tuesday. The HMS Queen Elizabeth followed."))
    assert {e["name"]: e["type"] for e in record["entities"]} == {
        "USS Gerald R. Ford": "WeaponSystem", "HMS Queen Elizabeth": "WeaponSystem"}


def test_every_nicknamed_name_in_a_text_is_mended(nlp) -> None:
    record = extract_entities(nlp('Commander Ali Hassan "Tiger" Warsame met rebel chief Omar Said "Lion" Farah in '
                                  'Kismayo.'))
    people = sorted(e["name"] for e in record["entities"] if e["type"] == "Person")
    assert people == ["Ali Hassan Warsame", "Omar Said Farah"], people


def _entity_types(nlp, text: str) -> dict[str, str]:
    record, _ = analyse(nlp, text)
    return {e["name"]: e["type"] for e in record["entities"]}


def test_a_native_spelling_that_is_an_english_word_names_no_state(nlp) -> None:
    """countryinfo lists Iceland's own name "Island": "Hawaii Island" is not Iceland."""
    types = _entity_types(nlp, "Kamehameha was the niece of Alapainui, the ruler of Hawaii Island.")
    assert "Iceland" not in types, types


def test_a_lower_case_span_is_no_name(nlp) -> None:
    """The statistical NER now and then tags common words as a place ("the north east"); they name nothing."""
    types = _entity_types(nlp, "Bosco Ntaganda is awaiting trial by the International Criminal Court (ICC) for "
                               "alleged war crimes and crimes against humanity in the north east of the country from 2002 to "
                               "2003.")
    assert not any(name.islower() for name in types), types


def test_a_two_word_name_with_who_is_a_person(nlp) -> None:
    types = _entity_types(nlp, "The Tata Group is a conglomerate based in Mumbai. The chairman of the Tata group is "
                               "Ratan Tata, who took over in 1991.")
    assert types.get("Ratan Tata") == "Person", types


def test_a_body_named_again_with_a_lower_case_head_word_is_the_same_body(nlp) -> None:
    text = ("The Tata Group is a conglomerate based in Mumbai. The chairman of the Tata group is Ratan Tata, who took "
            "over in 1991.")
    assert ("Ratan Tata", "leaderOf", "Tata Group") in named_facts(nlp, text)


def test_a_state_initialism_is_no_short_name_of_a_body_named_after_the_state(nlp) -> None:
    """"American" alone may be short for "American Airlines"; "US" alone is the state even in an article
    naming "US Marine Forces Japan"."""
    doc = nlp("The US has welcomed Tokyo's plan to obtain missiles. Gen. Roger Turner, the commander of US Marine Forces "
              "Japan, spoke on Monday.")
    record = extract_entities(doc)
    states = {m["entity"] for m in record["mentions"] if m["text"] == "US"}
    assert states == {"country:USA"}, record["mentions"]


def test_the_maker_state_party_to_a_sale_agreement_sells(nlp) -> None:
    found = named_facts(nlp, "Sweden on Friday signed an agreement with Thailand for the first sale of its Gripen "
                             "fighter jets.")
    assert ("Thailand", "suppliesWeaponsTo", "Sweden") not in found, found


def test_a_military_word_in_a_conjunct_does_not_make_a_team_military(nlp) -> None:
    found = named_facts(nlp, "Spain sent search teams and a military team to Morocco.")
    assert ("Spain", "deploys", "military team") in found and ("Spain", "deploys", "search teams") not in found, found


def test_a_surname_the_ner_took_for_a_body_with_a_persons_title_apposed_is_a_person(nlp) -> None:
    """"..., Oleg Shugaev, the director of ..., said": the model sometimes tags the surname alone as an
    organisation; with a person's title apposed it is a person, and no recipient of the delivery."""
    from spacy.tokens import Span
    doc = nlp("Russia has completed its delivery of MiG-29 fighter jets to Mali, Oleg Shugaev, the director of "
              "Russia's arms export service, said on Tuesday.")
    surname = [t.text for t in doc].index("Shugaev")
    doc.ents = [e for e in doc.ents if not (e.start <= surname < e.end)] + [Span(doc, surname, surname + 1, "ORG")]
    record = extract_entities(doc)
    assert any(e["type"] == "Person" and "Shugaev" in e["name"] for e in record["entities"]), record["entities"]
    found = extract_relations(doc, record)
    names = {e["key"]: e["name"] for e in record["entities"] + found["entities"]}
    objects = {names[r["object"]] for r in found["relations"] if r["predicate"] == "suppliesWeaponsTo"}
    assert objects == {"Mali"}, objects


def test_the_army_alone_is_the_service_of_the_state_the_article_is_about(nlp) -> None:
    """"the Army" with no army named before, in a story about one state, is that state's army; in a story
    about two states it is no one's."""
    about_one = ("Canada will buy drones. Canadian officials said Canada needs them. Ottawa said the Army will get "
                 "the first ones next year.")
    about_two = "Canada and Mexico will buy drones. Officials in Canada and Mexico said the Army needs them."
    for text, expected in ((about_one, {"Canadian Army"}), (about_two, set())):
        record = extract_entities(nlp(text))
        names = {e["key"]: e["name"] for e in record["entities"]}
        assert {names[m["entity"]] for m in record["mentions"] if m["text"] == "Army"} == expected, record


def test_a_person_tag_after_a_ruler_title_and_of_is_a_place(nlp) -> None:
    text = "Yoshinobu was born in Edo, as the seventh son of Tokugawa Nariaki, daimyō of Mito."
    assert ("Tokugawa Nariaki", "leaderOf", "Mito") in named_facts(nlp, text)


def test_a_biography_opens_with_its_person(nlp) -> None:
    """'X "Y" Z (8 May 1916 – 16 August 2016) was ...': one person, however the NER cut or typed the name;
    a palace or a company with dates in brackets is no person."""
    types = _entity_types(nlp, 'Jean-Marie Faustin Godefroid "João" de Havelange (8 May 1916 – 16 August 2016) was a '
                               'Brazilian lawyer and athlete.')
    assert types.get("Jean-Marie Faustin Godefroid de Havelange") == "Person", types
    types = _entity_types(nlp, "Sanssouci (built 1745–1747) is a palace in Potsdam. The Tata Group (founded 3 March "
                               "1868) is a conglomerate.")
    assert not [name for name, kind in types.items() if kind == "Person"], types


def test_a_reference_work_opening_between_commas_is_its_person(nlp) -> None:
    """"Karl Daimler, (born 1901, Ulm—died 1970, Bonn), leader of the party": some reference works put the
    life dates between commas before a description; the name is a person's, whatever the NER made of it
    (it takes a name like a company's for one), and so is the bare surname after it."""
    from spacy.tokens import Span

    from pipeline.nlp import name_repairs

    text = ("Karl Daimler, (born March 2, 1901, Ulm—died May 5, 1970, Bonn), leader of the Free Workers' Party. "
            "Daimler was elected mayor of Ulm in 1948.")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}:
            doc = proc(doc)
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    assert ("Karl Daimler", "PERSON") in {(e.text, e.label_) for e in name_repairs(doc).ents}
    doc = nlp.make_doc("Acme Steel, (founded March 2, 1901, Ulm), maker of rails.")
    for name, proc in nlp.pipeline:
        if name in {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}:
            doc = proc(doc)
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    assert ("Acme Steel", "ORG") in {(e.text, e.label_) for e in name_repairs(doc).ents}


def test_a_verb_opening_a_sentence_is_no_part_of_a_name(nlp) -> None:
    types = _entity_types(nlp, "The group served Russia. Rebranded African Corps and reorganised after the crash, the "
                               "group is now under the Kremlin.")
    assert not any(name.startswith("Rebranded") for name in types), types


def test_an_armed_forces_own_weapons_arriving_are_deployed_not_supplied(nlp) -> None:
    facts = named_facts(nlp, "British army tanks and guns arrived by boat in Estonia to reinforce NATO's eastern flank.")
    assert ("United Kingdom", "deploys", "army tanks") in facts, facts
    assert not [f for f in facts if f[1] == "suppliesWeaponsTo"], facts


def test_one_word_after_the_is_no_person(nlp) -> None:
    types = _entity_types(nlp, "Indian Foreign Secretary Vikram Misri gifted six strike vehicles to the Nepali Army at "
                               "the Army Headquarters on Monday. Before the handover, he held talks with the Chief of "
                               "the Army Staff, Ashok Raj Sigdel, at the Headquarters.")
    assert "Headquarters" not in types, types


def test_an_initialism_alone_is_the_state_not_a_body_it_begins(nlp) -> None:
    record = extract_entities(nlp("The U.S. said the U.S. Congress would vote on the aid package next week."))
    first = next(m for m in record["mentions"] if m["text"] == "U.S.")
    assert first["entity"] == "country:USA"


def test_a_surname_without_its_arabic_article_is_the_same_person(nlp) -> None:
    record = extract_entities(nlp("President Abdel Karim al-Hadi opened the session. Mr Hadi said the budget would "
                                  "pass. Al-Hadi then left."))
    people = [e["name"] for e in record["entities"] if e["type"] == "Person"]
    assert people == ["Abdel Karim al-Hadi"]


def test_a_ranks_abbreviation_does_not_end_the_sentence(nlp) -> None:
    doc = nlp("Guinea's junta leader Col. Mamady Doumbouya met Lt. Col. Ann Diallo and Capt. Sekou Camara.")
    assert len(list(doc.sents)) == 1
    assert {"Col.", "Lt.", "Capt."} <= {t.text for t in doc}


def test_a_capital_apposed_to_its_states_title_is_no_person(nlp) -> None:
    assert "Person" not in _entity_types(nlp, "Kigali, Rwanda's capital, hosted the summit.").values()


def test_weapons_delivered_to_one_state_are_not_taken_up_as_another_states(nlp) -> None:
    facts = named_facts(nlp, "France delivered Caesar howitzers to Armenia last year. Azerbaijan has also received "
                             "the howitzers, officials said.")
    assert ("France", "suppliesWeaponsTo", "Armenia") in facts
    assert ("France", "suppliesWeaponsTo", "Azerbaijan") not in facts


def test_a_companys_name_with_its_suffix_stays_the_company(nlp) -> None:
    types = _entity_types(nlp, "Northrop Corp said its defense systems division based here has won a contract.")
    assert types.get("Northrop Grumman") == "Company" and "Northrop Corp" not in types


@pytest.mark.parametrize("text, name", [
    ("Sanssouci is the former summer palace of Frederick the Great in Potsdam.", "Frederick the Great"),
    ("The treaty was opposed by Prime Minister William Pitt the Younger.", "William Pitt the Younger"),
])
def test_a_name_with_a_rulers_epithet_is_a_person(nlp, text: str, name: str) -> None:
    assert _entity_types(nlp, text).get(name) == "Person"


def test_an_epithet_without_a_name_is_no_person(nlp) -> None:
    assert "Person" not in _entity_types(nlp, "The Great Wall is long and the Good Friday talks went on.").values()


def test_a_transliterated_ayn_stays_inside_the_name(nlp) -> None:
    people = [n for n, t in _entity_types(nlp, "Soldiers loyal to Hamid 'Abd al-Karim seized the town.").items()
              if t == "Person"]
    assert people == ["Hamid 'Abd al-Karim"]


def test_a_bodys_name_cut_at_its_and_is_mended(nlp) -> None:
    types = _entity_types(nlp, "The rebel Justice and Equality Movement said it received arms from Chad. The Labour "
                               "Party and Green Party agreed.")
    assert types.get("Justice and Equality Movement") == "Organization"
    assert types.get("Labour Party") == "Organization" and types.get("Green Party") == "Organization"


def test_a_body_apposed_to_a_founder_of_a_thing_stays_a_body(nlp) -> None:
    assert _entity_types(nlp, "Google, the founder of the Android platform, said.").get("Google") == "Organization"


@pytest.mark.parametrize("text, company, state, recipient", [
    ("Turkish drone manufacturer Baykar has delivered to Poland the final batch of Bayraktar TB2 drones.",
     "Baykar", "Turkey", "Poland"),
    ("Poland received the first K2 tanks, handed over to it by the South Korean company Hyundai Rotem.",
     "Hyundai Rotem", "South Korea", "Poland"),
    ("Morocco bought drones from Israel's Elbit Systems.", "Elbit Systems", "Israel", "Morocco"),
    ("Baykar, the Turkish drone maker, sold TB2 drones to Ukraine.", "Baykar", "Turkey", "Ukraine"),
])
def test_a_company_the_article_gives_a_nationality_supplies_for_its_state(nlp, text, company, state,
                                                                          recipient) -> None:
    facts = named_facts(nlp, text)
    assert (company, "suppliesWeaponsTo", recipient) in facts, facts
    assert (state, "suppliesWeaponsTo", recipient) in facts, facts


@pytest.mark.parametrize("text", [
    "Lockheed Martin delivered F-35 jets to Japan.",  # no nationality stated: none from outside knowledge
    "The Nigerian Army bought VT-4 tanks from the China North Industries Corporation.",  # a name, not a description
    "German arms maker Rheinmetall will deliver shells to the German army.",  # its own state: no self-supply
])
def test_a_company_supplies_for_no_state_the_text_does_not_give_it(nlp, text: str) -> None:
    facts = named_facts(nlp, text)
    assert [f for f in facts if f[1] == "suppliesWeaponsTo"] and not any(
        f[1] == "suppliesWeaponsTo" and f[0] in {"United States", "China", "Germany"} for f in facts), facts


@pytest.mark.parametrize("text, absent", [
    # "Soviet-era" says when the jets were made, not who supplies them
    ("Slovakia handed over four Soviet-era MiG-29 jets to Ukraine.", ("Soviet Union", "suppliesWeaponsTo", "Ukraine")),
    ("Russia moved Su-34 jets armed with Kh-59 missiles to Crimea.", ("Russia", "suppliesWeaponsTo", "Crimea")),
    ("China has been pushing in tanks, artillery and heavy equipment near the border.",
     ("China", "deploys", "heavy equipment")),
])
def test_makers_periods_and_unnamed_materiel_are_no_parties(nlp, text: str, absent: tuple) -> None:
    facts = named_facts(nlp, text)
    assert facts and absent not in facts, facts


def test_an_administration_named_after_a_person_is_no_organisation(nlp) -> None:
    """"the Trump Administration" (capitalised) is the government of a person the text names, like "the
    Trump administration"; "the Federal Aviation Administration" stays an agency."""
    entities, _ = analyse(nlp, "President Donald Trump spoke on Monday. The Trump Administration later sent "
                               "warships. The Federal Aviation Administration grounded the planes.")
    names = {e["name"] for e in entities["entities"]}
    assert "Trump Administration" not in names and "Federal Aviation Administration" in names, names


def test_a_states_ministry_acts_for_the_state(nlp) -> None:
    """"the Russian Ministry of Defense sent S-400s": Russia deploys them, not a body named "Ministry of Defense"."""
    facts = named_facts(nlp, "Interfax reported this with reference to the Russian Ministry of Defense. The same "
                             "day, the Russian Ministry of Defense sent two divisions of S-400 missile systems to "
                             "Belarus.")
    assert ("Russia", "deploys", "S-400") in facts and not any(f[0].startswith("Ministry") for f in facts), facts


def test_a_formation_soldiers_come_from_is_no_owner(nlp) -> None:
    """"500 soldiers from the 3rd Combat Aviation Brigade will be sent": the brigade is part of a force, it
    deploys no one."""
    facts = named_facts(nlp, "About 500 soldiers from the 3rd Combat Aviation Brigade will be sent to the border, "
                             "the command said.")
    assert not any("Brigade" in f[0] for f in facts), facts


def test_a_vehicle_carrying_the_goods_is_no_recipient(nlp) -> None:
    """"sent its American-made transport aircraft with the missiles to the Philippines' Marine Corps": the
    aircraft carries the missiles; its maker's state receives nothing, the Philippines do."""
    facts = named_facts(nlp, "The Indian Air Force sent its American-made C-17 transport aircraft with the "
                             "missiles to the Philippines' Marine Corps.")
    assert ("India", "suppliesWeaponsTo", "Philippines") in facts, facts
    assert ("India", "suppliesWeaponsTo", "United States") not in facts, facts


def test_a_states_possessive_before_a_bare_service_name_is_that_states_force(nlp) -> None:
    entities, _ = analyse(nlp, "The missiles went to the Philippines' Marine Corps. Pakistan's Air Force "
                               "received J-10C jets.")
    forces = {e["name"]: e.get("country") for e in entities["entities"] if e["type"] == "ArmedForce"}
    assert forces.get("Philippines Marine Corps") == "country:PHL", forces
    assert "United States Marine Corps" not in forces and "Pakistan Air Force" in forces, forces


def test_a_kind_of_weapon_the_model_tagged_as_a_body_is_no_party(nlp) -> None:
    facts = named_facts(nlp, "Morocco has already purchased Heron UAVs from IAI and other UAVs from its unit "
                             "Bluebird.")
    assert not any(f[0] == "UAVs" for f in facts), facts


def test_a_service_before_a_weapon_noun_is_no_weapon_name(nlp) -> None:
    """"Navy warships" are the navy's warships: "Navy" is not a weapon system's name, as "Kalibr" is in
    "Kalibr missiles"."""
    entities, _ = analyse(nlp, "Britain will deploy Navy warships and Storm Shadow missiles to the Gulf.")
    weapons = {e["name"] for e in entities["entities"] if e["type"] == "WeaponSystem"}
    assert "Navy" not in weapons and "Storm Shadow" in weapons, weapons
    facts = named_facts(nlp, "The United States will deploy Navy warships to the Gulf.")
    assert ("United States", "deploys", "Navy warships") in facts, facts


def test_the_government_in_a_quotation_is_its_speakers_state(nlp) -> None:
    facts = named_facts(nlp, "Prime Minister Tony Abbott of Australia spoke in Darwin on Sunday. Syria was not "
                             "discussed. \"The government has decided to send troops to the United Arab Emirates,\" "
                             "Mr Abbott told reporters.")
    assert ("Australia", "deploys", "troops") in facts and ("Syria", "deploys", "troops") not in facts, facts


def test_a_force_acronym_of_a_state_the_article_never_names_is_not_that_force(nlp) -> None:
    """"PAF" in a story on the Philippines is not the Pakistan Air Force; in one on Pakistan it is."""
    philippine, _ = analyse(nlp, "The Philippines selected Embraer to supply six attack aircraft for PAF.")
    pakistani, _ = analyse(nlp, "Pakistan's PAF received J-10C jets from China.")
    assert "Pakistan Air Force" not in {e["name"] for e in philippine["entities"]}, philippine["entities"]
    assert "Pakistan Air Force" in {e["name"] for e in pakistani["entities"]}, pakistani["entities"]


def test_weapons_one_has_from_a_state_came_from_it_and_are_not_deployed_there(nlp) -> None:
    """"has fighter jets from countries including Spain and Italy": the states supplied them; "from" names
    no place the jets are deployed in."""
    facts = named_facts(nlp, "The Kenyan Air Force has fighter jets from countries including Spain and Italy.")
    assert {("Spain", "suppliesWeaponsTo", "Kenya"), ("Italy", "suppliesWeaponsTo", "Kenya")} <= facts, facts
    assert not [f for f in facts if f[1] == "deploys"], facts


@pytest.mark.parametrize("text, name, absent", [
    ("Serbia fought the Kosovo Liberation Army in 1999.", "Kosovo Liberation Army", "Kosovo"),
    ("The Sudan People's Liberation Army took the town.", "Sudan People's Liberation Army", "People's Liberation Army"),
    ("Eritrea armed the Sudan Liberation Army.", "Sudan Liberation Army", "Sudan"),
])
def test_an_insurgent_army_named_after_a_state_is_neither_the_state_nor_another_force(nlp, text, name, absent):
    """"Kosovo" + "Liberation Army" is one armed group, and "Sudan" + "People's Liberation Army" is not
    China's army; a state's own army ("the Pakistan Army", "the Chinese People's Liberation Army") stays
    its force."""
    names = {e["name"] for e in extract_entities(nlp(text))["entities"]}
    assert name in names and absent not in names, names
    forces = {e["name"]: e["type"] for e in extract_entities(nlp("The Pakistan Army and the Chinese People's "
                                                                   "Liberation Army held drills."))["entities"]}
    assert forces == {"Pakistan Army": "ArmedForce", "People's Liberation Army": "ArmedForce"}, forces


def test_a_currency_prefix_names_no_body_or_state(nlp):
    """"AU $10 billion", "US $6 billion": the letters before a currency sign are the currency's, while
    "the AU summit" is the African Union."""
    names = {e["name"] for e in extract_entities(nlp("Australia will pay AU $10 billion and Japan US $6 billion."))[
        "entities"]}
    assert names == {"Australia", "Japan"}, names
    names = {e["name"] for e in extract_entities(nlp("The AU summit opened in Addis Ababa."))["entities"]}
    assert "African Union" in names, names



def test_a_bracket_before_a_datelines_colon_is_its_own_token(nlp):
    """"Kandy (Central Province): General X": ")" and ":" are two tokens (the model's tokenizer keeps "):"
    whole as an emoticon, and the dateline's colon then never ends it)."""
    tokens = [t.text for t in nlp("Kandy (Central Province): General Ravi Perera spoke.")]
    assert tokens[4:6] == [")", ":"], tokens


def test_a_weapon_and_its_apposed_description_are_one_deployed_object(nlp) -> None:
    """"the Iskander, a short-range ballistic missile system": one thing deployed, not two."""
    found = named_facts(nlp, "Russia deployed the Iskander, a short-range ballistic missile system, to Kaliningrad.")
    assert {f for f in found if f[1] == "deploys"} == {("Russia", "deploys", "Iskander")}, found


def test_a_count_before_a_company_name_is_not_part_of_it(nlp) -> None:
    entities, _relations = analyse(nlp, "Apex Capital Corp will buy the 31,781,461 Harbor Hotels Inc shares it lacks.")
    names = {e["name"]: e["type"] for e in entities["entities"]}
    assert names.get("Harbor Hotels Inc") == "Company", names
    assert names.get("Apex Capital Corp") == "Company", names


def test_planes_carrying_military_advisers_deliver_no_weapons(nlp) -> None:
    found = named_facts(nlp, "Two rotations of planes carrying Russian military advisers landed in Niger.")
    assert ("Russia", "deploys", "military advisers") in found and not any(
        relation == "suppliesWeaponsTo" for _s, relation, _o in found), found


def test_burkina_alone_is_burkina_faso(nlp) -> None:
    entities, _relations = analyse(nlp, "Russian instructors landed in Burkina on Sunday, a diplomatic source said.")
    assert "Burkina Faso" in {e["name"] for e in entities["entities"] if e["type"] == "Country"}, entities["entities"]


def test_reference_marks_do_not_hide_a_names_end(nlp) -> None:
    """Encyclopedia text keeps its reference marks ("Chemezov.[8]"); glued to the name they hide its end
    from the NER. Ingestion removes them (``normalise_text``), so the model reads the name whole."""
    from pipeline.ingest import normalise_text

    text = "Rostec sells arms to many states.[6][7] The corporation is headed by Sergey Chemezov.[8][citation needed]"
    plain = normalise_text(text)
    assert "[" not in plain and plain.startswith("Rostec sells")
    assert ("Sergey Chemezov", "leaderOf", "Rostec") in named_facts(nlp, plain)


def test_a_deployment_sent_to_a_state_does_not_deploy_the_weapons_handed_over(nlp) -> None:
    facts = named_facts(nlp, "Cairo has dispatched weapons, military advisers and commando units to Mogadishu.")
    assert not any(f[1] == "deploys" and f[2] == "weapons" for f in facts), facts


def test_names_cut_short_or_run_into_a_comma_are_mended(nlp) -> None:
    doc = nlp("The deal was signed in Lima at an event led by Peruvian President José Antonio Quispe Oré.")
    assert "José Antonio Quispe Oré" in [e.text for e in doc.ents if e.label_ == "PERSON"]
    doc = nlp("Vladimir Putin Tuesday said the war goes on, and Joe Biden White House officials said so too.")
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert "Vladimir Putin" in people and "Joe Biden" in people, people  # (a date, a seat: not the name's words)
    doc = nlp("The chief of the Joint Command, Army General Luis Alberto Vargas Soto, also spoke.")
    assert not any(e.text.endswith(",") for e in doc.ents), [e.text for e in doc.ents]
    doc = nlp("On Monday, Chadian President Mahamat Idriss Deby Itno announced the withdrawal of the troops.")
    assert "Mahamat Idriss Deby Itno" in [e.text for e in doc.ents if e.label_ == "PERSON"], doc.ents
    doc = nlp("President Emmanuel Macron met General Motors executives.")
    assert "General Motors" in [e.text for e in doc.ents], doc.ents
    doc = nlp("Also attending was the chief of the Joint Command of the Armed Forces, Army General Luis Vargas Soto.")
    assert "Joint Command of the Armed Forces" in {e.text.removeprefix("the ") for e in doc.ents}, doc.ents


def test_an_office_before_a_full_name_the_ner_missed_is_a_persons(nlp) -> None:
    """"Governor Amos Pierce Jackson signed the bill" with nothing tagged: the name after an elected office is a
    person's, read like one after a military rank (two or three words)."""
    from pipeline.nlp import name_repairs

    doc = nlp.make_doc("Governor Amos Pierce Jackson signed the bill on Monday.")
    for name, proc in nlp.pipeline:
        if name in {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}:
            doc = proc(doc)
    doc.ents = []
    assert ("Amos Pierce Jackson", "PERSON") in {(e.text, e.label_) for e in name_repairs(doc).ents}


def test_a_surname_parsed_as_the_adverb_of_a_subjectless_verb_is_its_subject(nlp) -> None:
    """"From 1928 until 1932, Long served as governor": on real text the model makes "Long" the adverb of
    "served" (a verb then without a subject) and tags nothing. After the article named "Tom Long", the word
    is his surname and the verb's subject. The misreading is set by hand; the repair is the real one."""
    from spacy.tokens import Span

    from pipeline.nlp import name_repairs

    doc = nlp.make_doc("Tom Long was a lawyer. From 1928 until 1932, Long served as governor of Louisiana.")
    for name, proc in nlp.pipeline:
        if name in {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}:
            doc = proc(doc)
    surname = [t for t in doc if t.text == "Long"][1]
    surname.head, surname.dep_ = doc[surname.i + 1], "advmod"
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    repaired = name_repairs(doc)
    assert (surname.i, "PERSON") in {(e.start, e.label_) for e in repaired.ents if len(e) == 1}
    assert repaired[surname.i].dep_ == "nsubj"


@pytest.mark.parametrize("text, fact", [
    ("Britain deployed the Special Air Service to Oman in 1970.", ("United Kingdom", "deploys", "Special Air Service")),
    ("Iran deployed the Quds Force to Syria.", ("Iran", "deploys", "Quds Force")),
])
def test_a_named_unit_of_the_gazetteer_is_deployed(nlp, text, fact) -> None:
    """A special-forces unit the gazetteer knows is deployed; a whole service ("the Pakistan Army") is not
    what a deployment names."""
    assert fact in named_facts(nlp, text)
    assert not [f for f in named_facts(nlp, "Pakistan deployed the Pakistan Army to the border.") if f[1] == "deploys"]


def test_materiel_with_its_accent_is_military_equipment(nlp) -> None:
    facts = named_facts(nlp, "The United States had been supplying the French with war matériel since 1950.")
    assert ("United States", "suppliesWeaponsTo", "France") in facts, facts
