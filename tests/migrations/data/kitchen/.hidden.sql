this is not SQL and pgdbm skips dotfiles
