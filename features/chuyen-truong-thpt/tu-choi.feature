# language: vi
Tính năng: Chuyển trường THPT — từ chối
  Từ chối tiếp nhận (Mẫu 03) hay không giải quyết sau thẩm định đều phải nêu rõ lý do bằng văn bản.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh | Lê Văn Cường      |
      | truong_di       | THPT Hồng Bàng    |
      | truong_den      | THPT Trần Phú     |
      | pham_vi         | trong_tinh        |

  Kịch bản: Từ chối tiếp nhận hồ sơ, có lý do bằng văn bản (Mẫu 03)
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | tu_choi |
    Và "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu từ chối tiếp nhận"
    Thì thao tác bị từ chối vì "ly_do"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu từ chối tiếp nhận" với:
      | ly_do | Học sinh không thuộc diện được chuyển trường giữa năm học |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không thuộc diện"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và đã lập "Mẫu 03"
    Và trạng thái hồ sơ trên Cổng DVC là "Không được tiếp nhận"
    Và đồng hồ pháp lý chưa bắt đầu

  Kịch bản: Thẩm định không đạt: trả văn bản từ chối nêu rõ lý do, trong hạn
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và 3 ngày làm việc trôi qua
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | khong_dat                         |
      | ly_do             | Trường nơi đến đã đủ sĩ số lớp 11 |
    Và "Bộ phận Một cửa" hoàn thành "Trả văn bản từ chối" với:
      | ly_do | Trường nơi đến đã đủ sĩ số lớp 11 |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "đủ sĩ số"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và hồ sơ có kết quả đúng hẹn
    Và trạng thái hồ sơ trên Cổng DVC là "Đã trả kết quả"

  Kịch bản: Lãnh đạo Sở yêu cầu thẩm định lại, rồi từ chối
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Và "Bộ phận Một cửa" hoàn thành "Tiếp nhận"
    Và "Bộ phận Một cửa" hoàn thành "Chuyển hồ sơ đến Phòng GDTrH"
    Và "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "Xem xét, ký văn bản" với:
      | quyet_dinh | tham_dinh_lai                |
      | y_kien     | Kiểm tra lại xác nhận cư trú |
    Thì hồ sơ chờ ở "Thẩm định hồ sơ" của "Phòng Giáo dục Trung học"
    Khi "Phòng Giáo dục Trung học" hoàn thành "Thẩm định hồ sơ" với:
      | ket_qua_tham_dinh | khong_dat                 |
      | ly_do             | Không có xác nhận cư trú  |
    Và "Bộ phận Một cửa" hoàn thành "Trả văn bản từ chối" với:
      | ly_do | Không có xác nhận cư trú |
    Thì hồ sơ đã kết thúc với kết quả "từ chối"
    Và hồ sơ bị từ chối có lý do bằng văn bản
