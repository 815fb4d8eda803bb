-- The PostgreSQL test tenant: a customer who answers every event with a stored routine.
CREATE TABLE agent (
  agent_id int PRIMARY KEY,
  username varchar(64) NOT NULL UNIQUE,
  password varchar(64) NOT NULL,
  caller_id varchar(32),
  caller_id_name varchar(64),
  agent_skills varchar(256),
  phone_extension varchar(16),
  user_level int NOT NULL
)
--;
CREATE TABLE agent_stats (
  id serial PRIMARY KEY,
  agent_id int NOT NULL,
  login_date_time timestamp NOT NULL,
  logout_date_time timestamp NOT NULL,
  busy_time int NOT NULL
)
--;
CREATE TABLE call_log (id serial PRIMARY KEY, call_id varchar(64), segment int, agent_id int, talk_time int)
--;
INSERT INTO agent VALUES (3001, 'pgagent', 'pgpass', '5550301', 'A Rather Long Caller Name', 'billing, support', '301', 1),
                         (3901, 'pgsuper', 'pgsuper', '5550391', 'PG Supervisor', '', '391', 2)
--;
CREATE FUNCTION usp_AgentLogin(Username varchar, Password varchar)
RETURNS TABLE (AgentId int, CallerID varchar, CallerIDName varchar, AgentSkills varchar, PhoneExtension varchar, UserLevel int)
LANGUAGE sql AS $$
  SELECT a.agent_id, a.caller_id, a.caller_id_name, a.agent_skills, a.phone_extension, a.user_level
  FROM agent a WHERE a.username = $1 AND a.password = $2
$$
--;
-- Declares only four of the seven Agent Logout variables, in its own order.
CREATE PROCEDURE usp_AgentLogout(AgentId int, LoginDateTime timestamp, LogoutDateTime timestamp, BusyTime int)
LANGUAGE sql AS $$
  INSERT INTO agent_stats (agent_id, login_date_time, logout_date_time, busy_time) VALUES ($1, $2, $3, $4)
$$
--;
CREATE FUNCTION usp_CallStart(Dnis varchar, Ani varchar, CallerIdName varchar, CallType int, AgentId int)
RETURNS TABLE (Url varchar, CallId varchar, Record char(1), DefaultTransferNumber varchar, Skills varchar, CustomData varchar)
LANGUAGE sql AS $$
  SELECT 'https://crm.example/pop?ani={Ani}'::varchar, md5($1 || $2 || clock_timestamp()::text)::varchar, 'N'::char(1),
         '5550000'::varchar, 'support'::varchar, NULL::varchar
$$
--;
CREATE PROCEDURE usp_CallEnd(CallId varchar, Segment int, AgentId int, TalkTime int)
LANGUAGE sql AS $$
  INSERT INTO call_log (call_id, segment, agent_id, talk_time) VALUES ($1, $2, $3, $4)
$$
