{"id": "${entity.id}"}
