/** Identity: users, teams, roles with permissions, API tokens and login (身份与权限). */
package org.kept.identity;
