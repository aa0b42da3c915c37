#!/usr/bin/env python3
"""Writes src/ConnexDesk/Infrastructure/SharedResource.{fr,es,pt}.resx from the table below.

Keys are the English strings as the code passes them to the localizer. Run from the repository root after adding
strings: python3 tools/translations.py. It refuses to write when a string used on a public page has no translation.
"""
import html, re, sys

T = {
 'Skip to content': ('Aller au contenu', 'Ir al contenido', 'Ir para o conteúdo'),
 'Main': ('Principal', 'Principal', 'Principal'),
 'My desk': ('Mon bureau', 'Mi escritorio', 'A minha área'),
 'Cases': ('Dossiers', 'Casos', 'Processos'),
 'Open an inquiry': ('Ouvrir une demande', 'Abrir una consulta', 'Abrir um pedido'),
 'Password': ('Mot de passe', 'Contraseña', 'Palavra-passe'),
 'Sign out': ('Se déconnecter', 'Cerrar sesión', 'Terminar sessão'),
 'How support works': ("Comment fonctionne l'appui", 'Cómo funciona el apoyo', 'Como funciona o apoio'),
 'Am I eligible?': ('Suis-je éligible ?', '¿Soy elegible?', 'Sou elegível?'),
 'Sign in': ('Se connecter', 'Iniciar sesión', 'Iniciar sessão'),
 'Negotiation Support Unit': ("Unité d'appui aux négociations", 'Unidad de Apoyo a las Negociaciones', 'Unidade de Apoio às Negociações'),
 'ConnexDesk · case desk of the {0}': ('ConnexDesk · gestion des dossiers de la {0}', 'ConnexDesk · gestión de casos de la {0}', 'ConnexDesk · gestão de processos da {0}'),
 'All case information is confidential and shared on a need-to-know basis.': ("Toutes les informations des dossiers sont confidentielles et ne sont partagées qu'avec les personnes qui en ont besoin.", 'Toda la información de los casos es confidencial y solo se comparte con quien necesita conocerla.', 'Toda a informação dos processos é confidencial e só é partilhada com quem dela precisa.'),
 'Language': ('Langue', 'Idioma', 'Língua'),
 'Expert support for contract negotiations': ("Appui d'experts aux négociations de contrats", 'Apoyo experto en negociaciones de contratos', 'Apoio especializado em negociações de contratos'),
 'Expert support for governments negotiating complex contracts': ("Un appui d'experts aux gouvernements qui négocient des contrats complexes", 'Apoyo experto a los gobiernos que negocian contratos complejos', 'Apoio especializado aos governos que negoceiam contratos complexos'),
 'The unit gives governments of developing countries and economies in transition fast, multidisciplinary expert help — legal, fiscal and financial modelling, technical, environmental and social — when they negotiate or renegotiate contracts for mines, oil and gas, infrastructure, energy and land.': ("L'unité apporte aux gouvernements des pays en développement et des économies en transition une aide rapide et pluridisciplinaire — juridique, fiscale et de modélisation financière, technique, environnementale et sociale — lorsqu'ils négocient ou renégocient des contrats dans les mines, le pétrole et le gaz, les infrastructures, l'énergie et le foncier.", 'La unidad ofrece a los gobiernos de países en desarrollo y economías en transición una ayuda experta, rápida y multidisciplinaria — jurídica, fiscal y de modelización financiera, técnica, ambiental y social — cuando negocian o renegocian contratos de minería, petróleo y gas, infraestructura, energía y tierras.', 'A unidade presta aos governos de países em desenvolvimento e de economias em transição um apoio especializado, rápido e multidisciplinar — jurídico, fiscal e de modelação financeira, técnico, ambiental e social — quando negoceiam ou renegoceiam contratos de minas, petróleo e gás, infraestruturas, energia e terras.'),
 'Sign in to the desk': ('Se connecter au bureau', 'Iniciar sesión en el escritorio', 'Iniciar sessão'),
 'How support works, in four steps': ("L'appui en quatre étapes", 'El apoyo en cuatro pasos', 'O apoio em quatro passos'),
 'Get in touch': ('Prendre contact', 'Ponerse en contacto', 'Entrar em contacto'),
 'The ministry or office responsible for the negotiation writes an informal email. We discuss the scope and content of the support and help you check eligibility.': ("Le ministère ou l'organisme chargé de la négociation envoie un courriel informel. Nous discutons ensemble de l'étendue et du contenu de l'appui et vous aidons à vérifier l'éligibilité.", 'El ministerio u oficina responsable de la negociación envía un correo informal. Hablamos del alcance y el contenido del apoyo y le ayudamos a comprobar la elegibilidad.', 'O ministério ou organismo responsável pela negociação envia um e-mail informal. Discutimos o âmbito e o conteúdo do apoio e ajudamos a verificar a elegibilidade.'),
 'Send a formal request': ('Envoyer une demande officielle', 'Enviar una solicitud formal', 'Enviar um pedido formal'),
 'A formal request letter by email: the background of the project, the services needed, the timeline in which support is needed, and, if you wish, the names of international experts you would like.': ("Une lettre de demande officielle par courriel : le contexte du projet, les services demandés, le calendrier dans lequel l'appui est nécessaire et, si vous le souhaitez, les noms d'experts internationaux que vous aimeriez solliciter.", 'Una carta de solicitud formal por correo electrónico: los antecedentes del proyecto, los servicios necesarios, el plazo en que se necesita el apoyo y, si lo desea, los nombres de los expertos internacionales que quisiera.', 'Uma carta de pedido formal por e-mail: o contexto do projeto, os serviços necessários, o prazo em que o apoio é necessário e, se desejar, os nomes dos peritos internacionais pretendidos.'),
 'Due diligence and approval': ('Vérifications et approbation', 'Diligencia debida y aprobación', 'Diligência devida e aprovação'),
 'We check eligibility, risks and the counterparties, then send an approval letter or a reasoned decline. The exchange of your request letter and our approval letter is the official agreement. A scoping mission may follow to clarify the expertise needed.': ("Nous vérifions l'éligibilité, les risques et les contreparties, puis envoyons une lettre d'approbation ou un refus motivé. L'échange de votre lettre de demande et de notre lettre d'approbation constitue l'accord officiel. Une mission de cadrage peut suivre pour préciser l'expertise nécessaire.", 'Comprobamos la elegibilidad, los riesgos y las contrapartes, y enviamos una carta de aprobación o una denegación motivada. El intercambio de su carta de solicitud y nuestra carta de aprobación constituye el acuerdo oficial. Puede seguir una misión exploratoria para precisar la experiencia necesaria.', 'Verificamos a elegibilidade, os riscos e as contrapartes e enviamos uma carta de aprovação ou uma recusa fundamentada. A troca da sua carta de pedido e da nossa carta de aprovação constitui o acordo oficial. Pode seguir-se uma missão de delimitação para precisar as competências necessárias.'),
 'Delivery': ("Mise en œuvre", 'Ejecución', 'Execução'),
 "Experts are selected with your government and work only on its behalf and by its order. Support follows your negotiation's own timeline and is evaluated when it ends.": ("Les experts sont choisis avec votre gouvernement et travaillent uniquement en son nom et sur son instruction. L'appui suit le calendrier de votre négociation et est évalué à son terme.", 'Los expertos se seleccionan con su gobierno y trabajan únicamente en su nombre y por su encargo. El apoyo sigue el calendario de su negociación y se evalúa al finalizar.', 'Os peritos são escolhidos com o seu governo e trabalham apenas em seu nome e por sua ordem. O apoio segue o calendário da sua negociação e é avaliado no final.'),
 'Who is eligible': ('Qui est éligible', 'Quién es elegible', 'Quem é elegível'),
 'A government — national or sub-national — or one of its ministries or offices responsible for the negotiation.': ("Un gouvernement — national ou infranational — ou l'un de ses ministères ou organismes chargés de la négociation.", 'Un gobierno — nacional o subnacional — o uno de sus ministerios u oficinas responsables de la negociación.', 'Um governo — nacional ou subnacional — ou um dos seus ministérios ou organismos responsáveis pela negociação.'),
 'Of a developing country (on the OECD DAC List of ODA Recipients) or an economy in transition.': ("D'un pays en développement (inscrit sur la liste des bénéficiaires de l'APD du CAD de l'OCDE) ou d'une économie en transition.", 'De un país en desarrollo (en la lista de receptores de AOD del CAD de la OCDE) o de una economía en transición.', 'De um país em desenvolvimento (na lista de beneficiários de APD do CAD da OCDE) ou de uma economia em transição.'),
 'Facing an ongoing or upcoming negotiation or renegotiation of a complex contract or investment agreement.': ("Engagé dans une négociation ou renégociation, en cours ou à venir, d'un contrat complexe ou d'un accord d'investissement.", 'Ante una negociación o renegociación, en curso o próxima, de un contrato complejo o un acuerdo de inversión.', 'Perante uma negociação ou renegociação, em curso ou próxima, de um contrato complexo ou acordo de investimento.'),
 'Check whether your request qualifies': ('Vérifier si votre demande est éligible', 'Compruebe si su solicitud es elegible', 'Verifique se o seu pedido é elegível'),
 'Every eligibility decision records which version of the reference lists it used.': ("Chaque décision d'éligibilité enregistre la version des listes de référence utilisée.", 'Cada decisión de elegibilidad registra la versión de las listas de referencia utilizada.', 'Cada decisão de elegibilidade regista a versão das listas de referência utilizada.'),
 'Confidential by design': ('Confidentiel par principe', 'Confidencial por principio', 'Confidencial por princípio'),
 'The names of supported countries stay anonymous unless the country agrees otherwise. Every expert signs a Code of Conduct with a confidentiality clause before seeing a case, and people see only the cases they work on.': ("Les noms des pays appuyés restent anonymes, sauf accord du pays. Chaque expert signe un code de conduite comportant une clause de confidentialité avant d'accéder à un dossier, et chacun ne voit que les dossiers sur lesquels il travaille.", 'Los nombres de los países apoyados se mantienen anónimos salvo que el país acepte lo contrario. Cada experto firma un código de conducta con una cláusula de confidencialidad antes de ver un caso, y cada persona solo ve los casos en los que trabaja.', 'Os nomes dos países apoiados permanecem anónimos, salvo acordo do país. Cada perito assina um código de conduta com uma cláusula de confidencialidade antes de ver um processo, e cada pessoa só vê os processos em que trabalha.'),
 'Can we support your negotiation?': ('Pouvons-nous appuyer votre négociation ?', '¿Podemos apoyar su negociación?', 'Podemos apoiar a sua negociação?'),
 'Answer three questions to see whether your request can be supported. Nothing you enter here is stored.': ("Répondez à trois questions pour savoir si votre demande peut être appuyée. Rien de ce que vous saisissez ici n'est enregistré.", 'Responda a tres preguntas para saber si su solicitud puede recibir apoyo. Nada de lo que introduzca aquí se guarda.', 'Responda a três perguntas para saber se o seu pedido pode ser apoiado. Nada do que introduzir aqui é guardado.'),
 'Your country': ('Votre pays', 'Su país', 'O seu país'),
 'Choose a country': ('Choisissez un pays', 'Elija un país', 'Escolha um país'),
 "Tip: with the list open, type the first letters of the country's name.": ('Astuce : liste ouverte, tapez les premières lettres du nom du pays.', 'Consejo: con la lista abierta, escriba las primeras letras del nombre del país.', 'Dica: com a lista aberta, escreva as primeiras letras do nome do país.'),
 'Are you writing for a government body: a ministry, agency or office of a national or sub-national government?': ("Écrivez-vous au nom d'un organisme public : un ministère, une agence ou un service d'un gouvernement national ou infranational ?", '¿Escribe en nombre de un organismo público: un ministerio, agencia u oficina de un gobierno nacional o subnacional?', 'Escreve em nome de um organismo público: um ministério, agência ou serviço de um governo nacional ou subnacional?'),
 'yes': ('oui', 'sí', 'sim'),
 'no': ('non', 'no', 'não'),
 'Is a negotiation or renegotiation of a contract or investment agreement ongoing or coming up?': ("Une négociation ou renégociation d'un contrat ou d'un accord d'investissement est-elle en cours ou prévue ?", '¿Hay en curso o en preparación una negociación o renegociación de un contrato o acuerdo de inversión?', 'Está em curso ou prevista uma negociação ou renegociação de um contrato ou acordo de investimento?'),
 'Check': ('Vérifier', 'Comprobar', 'Verificar'),
 'Choose your country and answer both questions.': ('Choisissez votre pays et répondez aux deux questions.', 'Elija su país y responda a las dos preguntas.', 'Escolha o seu país e responda às duas perguntas.'),
 'Yes, your request can be supported.': ('Oui, votre demande peut être appuyée.', 'Sí, su solicitud puede recibir apoyo.', 'Sim, o seu pedido pode ser apoiado.'),
 'This request does not meet the conditions.': ('Cette demande ne remplit pas les conditions.', 'Esta solicitud no cumple las condiciones.', 'Este pedido não cumpre as condições.'),
 'Next step': ('Étape suivante', 'Siguiente paso', 'Próximo passo'),
 'Write an informal email to the unit at {0}: say who you are, what the negotiation is about and what help you need. We will reply and help you prepare the formal request letter.': ("Écrivez un courriel informel à l'unité à l'adresse {0} : dites qui vous êtes, sur quoi porte la négociation et de quelle aide vous avez besoin. Nous vous répondrons et vous aiderons à préparer la lettre de demande officielle.", 'Escriba un correo informal a la unidad a {0}: diga quién es, de qué trata la negociación y qué ayuda necesita. Le responderemos y le ayudaremos a preparar la carta de solicitud formal.', 'Escreva um e-mail informal à unidade para {0}: diga quem é, de que trata a negociação e que ajuda precisa. Responderemos e ajudaremos a preparar a carta de pedido formal.'),
 'If you think this answer is wrong, or your situation is unusual, write to us anyway at {0}: every request is looked at by a person.': ('Si vous pensez que cette réponse est erronée, ou si votre situation est particulière, écrivez-nous quand même à {0} : chaque demande est examinée par une personne.', 'Si cree que esta respuesta es errónea o su situación es especial, escríbanos de todos modos a {0}: cada solicitud la examina una persona.', 'Se achar que esta resposta está errada, ou se a sua situação é especial, escreva-nos na mesma para {0}: cada pedido é analisado por uma pessoa.'),
 "The check uses the OECD DAC List of ODA Recipients and the UN list of economies in transition in force today. The unit's decision on a formal request records the same lists.": ("La vérification utilise la liste des bénéficiaires de l'APD du CAD de l'OCDE et la liste des économies en transition des Nations unies en vigueur aujourd'hui. La décision de l'unité sur une demande officielle enregistre ces mêmes listes.", 'La comprobación utiliza la lista de receptores de AOD del CAD de la OCDE y la lista de economías en transición de las Naciones Unidas vigentes hoy. La decisión de la unidad sobre una solicitud formal registra las mismas listas.', 'A verificação usa a lista de beneficiários de APD do CAD da OCDE e a lista de economias em transição das Nações Unidas em vigor hoje. A decisão da unidade sobre um pedido formal regista as mesmas listas.'),
 'This desk has no administrator yet': ("Ce bureau n'a pas encore d'administrateur", 'Este escritorio aún no tiene administrador', 'Esta aplicação ainda não tem administrador'),
 'Nobody can sign in until the first administrator account exists. On the server, run:': ("Personne ne peut se connecter tant que le premier compte administrateur n'existe pas. Sur le serveur, exécutez :", 'Nadie puede iniciar sesión hasta que exista la primera cuenta de administrador. En el servidor, ejecute:', 'Ninguém pode iniciar sessão até existir a primeira conta de administrador. No servidor, execute:'),
 'The command reads the password from standard input. There are no default passwords.': ("La commande lit le mot de passe sur l'entrée standard. Il n'y a pas de mot de passe par défaut.", 'El comando lee la contraseña de la entrada estándar. No hay contraseñas por defecto.', 'O comando lê a palavra-passe da entrada padrão. Não há palavras-passe predefinidas.'),
 'You are signed out.': ('Vous êtes déconnecté.', 'Ha cerrado la sesión.', 'A sessão foi terminada.'),
 'Email': ('Adresse électronique', 'Correo electrónico', 'E-mail'),
 'Demo logins (Development only)': ('Comptes de démonstration (développement uniquement)', 'Cuentas de demostración (solo desarrollo)', 'Contas de demonstração (apenas desenvolvimento)'),
 'Every demo login uses the password {0}.': ('Chaque compte de démonstration utilise le mot de passe {0}.', 'Todas las cuentas de demostración usan la contraseña {0}.', 'Todas as contas de demonstração usam a palavra-passe {0}.'),
 'After {0} wrong passwords in a row the account is locked for {1} minutes.': ('Après {0} mots de passe erronés consécutifs, le compte est bloqué pendant {1} minutes.', 'Tras {0} contraseñas erróneas seguidas, la cuenta se bloquea durante {1} minutos.', 'Após {0} palavras-passe erradas seguidas, a conta fica bloqueada durante {1} minutos.'),
 'Email or password is incorrect.': ('Adresse électronique ou mot de passe incorrect.', 'Correo electrónico o contraseña incorrectos.', 'E-mail ou palavra-passe incorretos.'),
 'This account is locked after too many failed sign-in attempts. Try again in {0} minutes, or ask an administrator to unlock it.': ('Ce compte est bloqué après trop de tentatives de connexion échouées. Réessayez dans {0} minutes ou demandez à un administrateur de le débloquer.', 'Esta cuenta está bloqueada tras demasiados intentos fallidos. Vuelva a intentarlo en {0} minutos o pida a un administrador que la desbloquee.', 'Esta conta está bloqueada após demasiadas tentativas falhadas. Tente novamente dentro de {0} minutos ou peça a um administrador que a desbloqueie.'),
 'Email or password is incorrect. {0} attempt(s) left before the account is locked.': ('Adresse électronique ou mot de passe incorrect. Encore {0} tentative(s) avant le blocage du compte.', 'Correo electrónico o contraseña incorrectos. Quedan {0} intento(s) antes de que se bloquee la cuenta.', 'E-mail ou palavra-passe incorretos. Resta(m) {0} tentativa(s) antes de a conta ser bloqueada.'),
 'Enter your email address.': ('Saisissez votre adresse électronique.', 'Introduzca su correo electrónico.', 'Introduza o seu e-mail.'),
 'Enter a valid email address.': ('Saisissez une adresse électronique valide.', 'Introduzca un correo electrónico válido.', 'Introduza um e-mail válido.'),
 'Enter your password.': ('Saisissez votre mot de passe.', 'Introduzca su contraseña.', 'Introduza a sua palavra-passe.'),
 'Not available to you': ('Non accessible pour vous', 'No disponible para usted', 'Não disponível para si'),
 'This page is not available to you': ("Cette page ne vous est pas accessible", 'Esta página no está disponible para usted', 'Esta página não está disponível para si'),
 'Case information is shared on a need-to-know basis. If you need access for your work, ask the case officer or the head of unit.': ("Les informations des dossiers ne sont partagées qu'avec les personnes qui en ont besoin. Si votre travail l'exige, adressez-vous au chargé de dossier ou au chef de l'unité.", 'La información de los casos solo se comparte con quien necesita conocerla. Si la necesita para su trabajo, pídala al responsable del caso o a la jefatura de la unidad.', 'A informação dos processos só é partilhada com quem dela precisa. Se precisar de acesso para o seu trabalho, peça ao responsável do processo ou à chefia da unidade.'),
 'Back to my desk': ('Retour à mon bureau', 'Volver a mi escritorio', 'Voltar à minha área'),
 'If you contact the unit about this, quote this reference:': ("Si vous contactez l'unité à ce sujet, indiquez cette référence :", 'Si contacta con la unidad por este motivo, indique esta referencia:', 'Se contactar a unidade sobre isto, indique esta referência:'),
 'Go to the start page': ("Aller à la page d'accueil", 'Ir a la página de inicio', 'Ir para a página inicial'),
 'Page not found': ('Page introuvable', 'Página no encontrada', 'Página não encontrada'),
 'There is no page at this address. It may have moved, or the link may be incomplete.': ("Il n'y a pas de page à cette adresse. Elle a peut-être été déplacée, ou le lien est incomplet.", 'No hay ninguna página en esta dirección. Puede que se haya movido o que el enlace esté incompleto.', 'Não existe nenhuma página neste endereço. Pode ter sido movida ou a ligação pode estar incompleta.'),
 'Case information is shared on a need-to-know basis.': ("Les informations des dossiers ne sont partagées qu'avec les personnes qui en ont besoin.", 'La información de los casos solo se comparte con quien necesita conocerla.', 'A informação dos processos só é partilhada com quem dela precisa.'),
 'The request could not be understood': ("La requête n'a pas pu être comprise", 'No se pudo entender la solicitud', 'Não foi possível compreender o pedido'),
 'Go back, reload the page and try again.': ('Revenez en arrière, rechargez la page et réessayez.', 'Vuelva atrás, recargue la página e inténtelo de nuevo.', 'Volte atrás, recarregue a página e tente novamente.'),
 'Something went wrong': ("Une erreur s'est produite", 'Algo salió mal', 'Ocorreu um erro'),
 'The desk could not complete this request. Nothing you entered was saved by the failed step; please try again. The error has been logged.': ("Le bureau n'a pas pu traiter cette demande. Rien de ce que vous avez saisi n'a été enregistré par l'étape en échec ; veuillez réessayer. L'erreur a été consignée.", 'No se pudo completar esta solicitud. El paso fallido no guardó nada de lo que introdujo; inténtelo de nuevo. El error ha quedado registrado.', 'Não foi possível concluir este pedido. O passo que falhou não guardou nada do que introduziu; tente novamente. O erro foi registado.'),
 'No version of the OECD DAC List of ODA Recipients was in force on {0}.': ("Aucune version de la liste des bénéficiaires de l'APD du CAD de l'OCDE n'était en vigueur le {0}.", 'Ninguna versión de la lista de receptores de AOD del CAD de la OCDE estaba vigente el {0}.', 'Nenhuma versão da lista de beneficiários de APD do CAD da OCDE estava em vigor em {0}.'),
 '{0} is not on the {1}.': ('{0} : ne figure pas sur la liste « {1} ».', '{0}: no figura en la lista «{1}».', '{0}: não consta da lista «{1}».'),
 '{0} is one of the economies in transition ({1}).': ('{0} : fait partie des économies en transition ({1}).', '{0}: es una de las economías en transición ({1}).', '{0}: é uma das economias em transição ({1}).'),
 '{0} graduated from the UN list of least developed countries on {1}.': ('{0} : est sorti de la liste des pays les moins avancés des Nations unies le {1}.', '{0}: salió de la lista de países menos adelantados de las Naciones Unidas el {1}.', '{0}: saiu da lista de países menos desenvolvidos das Nações Unidas em {1}.'),
 '{0} is one of the UN least developed countries.': ('{0} : fait partie des pays les moins avancés (Nations unies).', '{0}: es uno de los países menos adelantados (Naciones Unidas).', '{0}: é um dos países menos desenvolvidos (Nações Unidas).'),
 'The country criterion is met.': ('Le critère relatif au pays est rempli.', 'Se cumple el criterio relativo al país.', 'O critério relativo ao país está cumprido.'),
 'The country criterion is not met: the country is neither on the DAC List nor an economy in transition.': ("Le critère relatif au pays n'est pas rempli : le pays ne figure pas sur la liste du CAD et n'est pas une économie en transition.", 'No se cumple el criterio relativo al país: el país no figura en la lista del CAD ni es una economía en transición.', 'O critério relativo ao país não está cumprido: o país não consta da lista do CAD nem é uma economia em transição.'),
 'Support is only for government bodies: a ministry, agency or office of a national or sub-national government.': ("L'appui est réservé aux organismes publics : un ministère, une agence ou un service d'un gouvernement national ou infranational.", 'El apoyo es solo para organismos públicos: un ministerio, agencia u oficina de un gobierno nacional o subnacional.', 'O apoio destina-se apenas a organismos públicos: um ministério, agência ou serviço de um governo nacional ou subnacional.'),
 'Support is for an ongoing or upcoming negotiation or renegotiation of a contract or investment agreement.': ("L'appui concerne une négociation ou renégociation, en cours ou à venir, d'un contrat ou d'un accord d'investissement.", 'El apoyo es para una negociación o renegociación, en curso o próxima, de un contrato o acuerdo de inversión.', 'O apoio destina-se a uma negociação ou renegociação, em curso ou próxima, de um contrato ou acordo de investimento.'),
 '{0} is on the {1}, among the least developed countries.': ('{0} : figure sur la liste « {1} », parmi les pays les moins avancés.', '{0}: figura en la lista «{1}», entre los países menos adelantados.', '{0}: consta da lista «{1}», entre os países menos desenvolvidos.'),
 '{0} is on the {1}, among the other low-income countries.': ('{0} : figure sur la liste « {1} », parmi les autres pays à faible revenu.', '{0}: figura en la lista «{1}», entre los demás países de ingreso bajo.', '{0}: consta da lista «{1}», entre os outros países de baixo rendimento.'),
 '{0} is on the {1}, among the lower middle-income countries.': ('{0} : figure sur la liste « {1} », parmi les pays à revenu intermédiaire de la tranche inférieure.', '{0}: figura en la lista «{1}», entre los países de ingreso mediano bajo.', '{0}: consta da lista «{1}», entre os países de rendimento médio-baixo.'),
 '{0} is on the {1}, among the upper middle-income countries.': ('{0} : figure sur la liste « {1} », parmi les pays à revenu intermédiaire de la tranche supérieure.', '{0}: figura en la lista «{1}», entre los países de ingreso mediano alto.', '{0}: consta da lista «{1}», entre os países de rendimento médio-alto.'),
 '{0} is on the {1}.': ('{0} : figure sur la liste « {1} ».', '{0}: figura en la lista «{1}».', '{0}: consta da lista «{1}».'),
 'A member of the unit will reply by email. If the negotiation is urgent, say so in a reply to that email.': ("Un membre de l'unité vous répondra par courriel. Si la négociation est urgente, indiquez-le en répondant à ce courriel.", 'Un miembro de la unidad le responderá por correo electrónico. Si la negociación es urgente, indíquelo al responder a ese correo.', 'Um membro da unidade responderá por e-mail. Se a negociação for urgente, indique-o na resposta a esse e-mail.'),
 'Check first whether your request qualifies': ("Vérifiez d'abord si votre demande est éligible", 'Compruebe primero si su solicitud es elegible', 'Verifique primeiro se o seu pedido é elegível'),
 'Choose your country.': ('Choisissez votre pays.', 'Elija su país.', 'Escolha o seu país.'),
 'Give your ministry or office.': ('Indiquez votre ministère ou organisme.', 'Indique su ministerio u oficina.', 'Indique o seu ministério ou organismo.'),
 'Give your name.': ('Indiquez votre nom.', 'Indique su nombre.', 'Indique o seu nome.'),
 'Inbox': ('Boîte de réception', 'Bandeja de entrada', 'Caixa de entrada'),
 'Its reference is {0}. Please quote it in any message about this request.': ('Sa référence est {0}. Merci de la rappeler dans tout message concernant cette demande.', 'Su referencia es {0}. Indíquela en cualquier mensaje sobre esta solicitud.', 'A sua referência é {0}. Indique-a em qualquer mensagem sobre este pedido.'),
 'Leave this field empty': ('Laissez ce champ vide', 'Deje este campo vacío', 'Deixe este campo vazio'),
 'Ministry or office': ('Ministère ou organisme', 'Ministerio u oficina', 'Ministério ou organismo'),
 'Phone': ('Téléphone', 'Teléfono', 'Telefone'),
 'Please keep it under 4000 characters; details can follow by email.': ('Merci de rester sous 4000 caractères ; les détails pourront suivre par courriel.', 'No supere los 4000 caracteres; los detalles pueden seguir por correo electrónico.', 'Não ultrapasse 4000 caracteres; os pormenores podem seguir por e-mail.'),
 'Please write plain text, without HTML.': ("Merci d'écrire du texte simple, sans HTML.", 'Escriba texto simple, sin HTML.', 'Escreva texto simples, sem HTML.'),
 'Position': ('Fonction', 'Cargo', 'Cargo'),
 'Say in a few words what the negotiation is about.': ('Dites en quelques mots sur quoi porte la négociation.', 'Diga en pocas palabras de qué trata la negociación.', 'Diga em poucas palavras de que trata a negociação.'),
 'Send': ('Envoyer', 'Enviar', 'Enviar'),
 'Several messages have come from your address in the last hour. Please wait a while, or write to the unit by email.': ("Plusieurs messages sont venus de votre adresse au cours de la dernière heure. Merci de patienter un peu, ou d'écrire à l'unité par courriel.", 'Han llegado varios mensajes desde su dirección en la última hora. Espere un poco o escriba a la unidad por correo electrónico.', 'Chegaram várias mensagens do seu endereço na última hora. Aguarde um pouco ou escreva à unidade por e-mail.'),
 'Tell us about the negotiation. A member of the unit will reply, discuss the support you need and help you check eligibility. Everything you write is treated as confidential.': ("Parlez-nous de la négociation. Un membre de l'unité vous répondra, discutera avec vous de l'appui nécessaire et vous aidera à vérifier l'éligibilité. Tout ce que vous écrivez est traité de manière confidentielle.", 'Cuéntenos sobre la negociación. Un miembro de la unidad le responderá, hablará con usted del apoyo que necesita y le ayudará a comprobar la elegibilidad. Todo lo que escriba se trata de forma confidencial.', 'Fale-nos da negociação. Um membro da unidade responderá, discutirá o apoio de que precisa e ajudará a verificar a elegibilidade. Tudo o que escrever é tratado de forma confidencial.'),
 'Thank you': ('Merci', 'Gracias', 'Obrigado'),
 'Thank you: your message has reached the unit': ("Merci : votre message est bien parvenu à l'unité", 'Gracias: su mensaje ha llegado a la unidad', 'Obrigado: a sua mensagem chegou à unidade'),
 'Timeline (next round, deadline)': ('Calendrier (prochaine session, échéance)', 'Calendario (próxima ronda, plazo)', 'Calendário (próxima ronda, prazo)'),
 'Too many messages': ('Trop de messages', 'Demasiados mensajes', 'Demasiadas mensagens'),
 'What is the negotiation about?': ('Sur quoi porte la négociation ?', '¿De qué trata la negociación?', 'De que trata a negociação?'),
 'Your name': ('Votre nom', 'Su nombre', 'O seu nome'),
 # Letters (Features/Letters/LetterComposer.cs): the words around and inside letters, in the letter's language.
 'Our reference:': ('Notre référence :', 'Nuestra referencia:', 'A nossa referência:'),
 'Subject:': ('Objet :', 'Asunto:', 'Assunto:'),
 'Page {0} of {1}': ('Page {0} sur {1}', 'Página {0} de {1}', 'Página {0} de {1}'),
 'Confidential': ('Confidentiel', 'Confidencial', 'Confidencial'),
 '[Name of the ministry or office]': ("[Nom du ministère ou de l'organisme]", '[Nombre del ministerio u oficina]', '[Nome do ministério ou organismo]'),
 '[Country]': ('[Pays]', '[País]', '[País]'),
 '[Place], [date]': ('[Lieu], le [date]', '[Lugar], [fecha]', '[Local], [data]'),
 'Head of Unit': ("Chef de l'unité", 'Jefe de la Unidad', 'Chefe da Unidade'),
 'Case officer': ('Chargé de dossier', 'Responsable del caso', 'Responsável pelo processo'),
 'legal advice': ('conseil juridique', 'asesoramiento jurídico', 'aconselhamento jurídico'),
 'fiscal and financial modelling': ('fiscalité et modélisation financière', 'fiscalidad y modelización financiera', 'fiscalidade e modelação financeira'),
 'technical advice': ('conseil technique', 'asesoramiento técnico', 'aconselhamento técnico'),
 'environmental and social advice': ('conseil environnemental et social', 'asesoramiento ambiental y social', 'aconselhamento ambiental e social'),
 'other expertise': ('autre expertise', 'otra experiencia', 'outras competências'),
 'mining': ('mines', 'minería', 'minas'),
 'oil and gas': ('pétrole et gaz', 'petróleo y gas', 'petróleo e gás'),
 'renewable energy': ('énergies renouvelables', 'energías renovables', 'energias renováveis'),
 'power': ('électricité', 'electricidad', 'eletricidade'),
 'transport infrastructure': ('infrastructures de transport', 'infraestructura de transporte', 'infraestruturas de transporte'),
 'water': ('eau', 'agua', 'água'),
 'agriculture and land': ('agriculture et foncier', 'agricultura y tierras', 'agricultura e terras'),
 'telecommunications': ('télécommunications', 'telecomunicaciones', 'telecomunicações'),
 'other sectors': ('autres secteurs', 'otros sectores', 'outros setores'),
 'Letter wording': ('Modèles de lettres', 'Modelos de cartas', 'Modelos de cartas'),
 'Download the request-letter template (Word)': ('Télécharger le modèle de lettre de demande (Word)', 'Descargar el modelo de carta de solicitud (Word)', 'Descarregar o modelo de carta de pedido (Word)'),
 'Request-letter template in {0} (Word)': ('Modèle de lettre de demande en {0} (Word)', 'Modelo de carta de solicitud en {0} (Word)', 'Modelo de carta de pedido em {0} (Word)'),
 'Checklist': ('Liste de vérification', 'Lista de verificación', 'Lista de verificação'),
 'Dear Sir or Madam,': ('Madame, Monsieur,', 'Señora, señor:', 'Exmos. Senhores,'),
 'Dear {0},': ('Madame, Monsieur,', 'Estimado/a {0}:', 'Exmo./Exma. {0},'),
 'Please find attached our letter {0}: {1}.': ('Veuillez trouver ci-joint notre lettre {0} : {1}.', 'Adjuntamos nuestra carta {0}: {1}.', 'Junto enviamos a nossa carta {0}: {1}.'),
 'With kind regards,': ('Avec nos salutations distinguées,', 'Atentamente,', 'Com os melhores cumprimentos,'),
}

PUBLIC = ['Features/Shared/_Layout.cshtml', 'Features/Public/Index.cshtml', 'Features/Eligibility/SelfCheck.cshtml',
          'Features/Access/SignIn.cshtml', 'Features/Access/SignIn.cshtml.cs', 'Features/Access/AccessDenied.cshtml',
          'Features/Errors/Error.cshtml', 'Features/Errors/Error.cshtml.cs', 'Domain/Eligibility/EligibilityRules.cs',
          'Features/Intake/Contact.cshtml', 'Features/Intake/Contact.cshtml.cs', 'Features/Intake/ContactThanks.cshtml',
          'Features/Letters/LetterComposer.cs']

def used_keys(root):
    keys = set()
    for f in PUBLIC:
        s = open(f'{root}/{f}', encoding='utf-8').read()
        keys.update(m.group(1) for m in re.finditer(r'(?:\bL|localizer)\["((?:[^"\\]|\\.)*)"', s))
        keys.update(m.group(1) for m in re.finditer(r'ErrorMessage = "((?:[^"\\]|\\.)*)"', s))
        if f.endswith('EligibilityRules.cs'):
            keys.update(m.group(1) for m in re.finditer(r'new Reason\("((?:[^"\\]|\\.)*)"', s))
            keys.update(m.group(1) for m in re.finditer(r'=> "((?:[^"\\]|\\.)*\{0\}[^"]*)"', s))
    return {k.replace('\\"', '"') for k in keys}

def main():
    root = 'src/ConnexDesk'
    missing = sorted(k for k in used_keys(root) if k not in T)
    if missing:
        sys.exit('untranslated public strings:\n  ' + '\n  '.join(missing))
    for i, lang in enumerate(['fr', 'es', 'pt']):
        rows = ''.join(
            f'  <data name="{html.escape(k, quote=True)}" xml:space="preserve">\n    <value>{html.escape(v[i], quote=False)}</value>\n  </data>\n'
            for k, v in sorted(T.items()))
        with open(f'{root}/Infrastructure/SharedResource.{lang}.resx', 'w', encoding='utf-8', newline='\n') as out:
            out.write('<?xml version="1.0" encoding="utf-8"?>\n<!-- Generated by tools/translations.py; edit the table there. -->\n<root>\n'
                      '  <resheader name="resmimetype">\n    <value>text/microsoft-resx</value>\n  </resheader>\n'
                      '  <resheader name="version">\n    <value>2.0</value>\n  </resheader>\n'
                      '  <resheader name="reader">\n    <value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>\n  </resheader>\n'
                      '  <resheader name="writer">\n    <value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>\n  </resheader>\n'
                      + rows + '</root>\n')
    print(f'{len(T)} strings written for fr, es, pt')

main()
