-- Issue 16 (console): a Weibo fan who unfollows the account (the fan-service push's event "unfollow") can no longer be
-- answered through the messaging API; the conversation's reply window closes until they follow again.
alter table social_follower add column unfollowed_at timestamp with time zone;
